/**
 * The contact log before cases (issue #18): a quick form built for a shift (big targets, now and the
 * last place used as defaults), the log with filters and paging, one person's chain of contacts, and
 * "Make a case" (she agreed; the worker chooses what carries over, then confirms).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ContactInput } from '../../domain/contacts/inputs';
import type { ContactCaseDto, ContactChainDto, ContactViewDto } from '../../server/presenters/contact';
import { useLabel } from '../api/cases';
import { api } from '../api/client';
import { useIdempotencyKey } from '../api/idempotency';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { CodeChecks, CodeSelect, Field } from '../cases/fields';
import type { CaseContacts, ContactRecorded } from '../../server/api-types';

const KINDS = ['hotline_call', 'outreach', 'drop_in', 'message'] as const;
const PAGE = 20;
const LAST_PLACE = 'ariadne.contacts.lastPlace';

interface ContactList {
  items: ContactViewDto[];
  total: number;
  limit: number;
  offset: number;
}

const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** The last place used on this device: a coarse place name, no personal data. */
function lastPlace(): { level: 'municipality' | 'outreach_route'; name: string } {
  try {
    const v = JSON.parse(localStorage.getItem(LAST_PLACE) ?? 'null') as { level?: string; name?: string } | null;
    if (v?.name) return { level: v.level === 'outreach_route' ? 'outreach_route' : 'municipality', name: v.name };
  } catch {
    /* none kept */
  }
  return { level: 'municipality', name: '' };
}

export function ContactsPage() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="page contacts-page">
      <h1>{t('contactsUi.title')}</h1>
      <QuickContactForm onRecorded={setSelected} />
      {selected && <ChainView contactId={selected} />}
      <ContactLog onOpen={setSelected} />
    </div>
  );
}

function QuickContactForm({ onRecorded }: { onRecorded: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const idem = useIdempotencyKey();
  const initialPlace = lastPlace();
  const [when, setWhen] = useState(localNow());
  const [kind, setKind] = useState<(typeof KINDS)[number]>('outreach');
  const [placeLevel, setPlaceLevel] = useState(initialPlace.level);
  const [placeName, setPlaceName] = useState(initialPlace.name);
  const [language, setLanguage] = useState('');
  const [interpreterUsed, setInterpreterUsed] = useState(false);
  const [needs, setNeeds] = useState<string[]>([]);
  const [provided, setProvided] = useState<string[]>([]);
  const [nickname, setNickname] = useState('');
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: (body: ContactInput) =>
      api<ContactRecorded>('/api/contacts', { method: 'POST', body, idempotencyKey: idem.key }),
    onSuccess: (r) => {
      idem.renew();
      localStorage.setItem(LAST_PLACE, JSON.stringify({ level: placeLevel, name: placeName }));
      setNeeds([]);
      setProvided([]);
      setNickname('');
      setNote('');
      setLanguage('');
      setInterpreterUsed(false);
      setWhen(localNow());
      onRecorded(r.id);
      return qc.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  const fe = useFieldErrors(record.error);
  const id = useId();
  return (
    <section className="card quick-contact" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('contactsUi.record')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate({
            occurredAt: new Date(when).toISOString(),
            kind,
            place: { level: placeLevel, name: placeName },
            ...(language.trim() ? { language: language.trim() } : {}),
            interpreterUsed,
            needs,
            provided,
            ...(nickname.trim() ? { nickname: nickname.trim() } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          });
        }}
      >
        <Field
          label={t('contactsUi.when')}
          type="datetime-local"
          value={when}
          onChange={setWhen}
          required
          error={fe.errorFor('occurredAt')}
        />
        <fieldset className="big-choices">
          <legend>{t('contactsUi.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`contactsUi.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('contactsUi.placeLevel')}</span>
          <select
            value={placeLevel}
            onChange={(e) => setPlaceLevel(e.target.value as 'municipality' | 'outreach_route')}
          >
            <option value="municipality">{t('contactsUi.placeLevels.municipality')}</option>
            <option value="outreach_route">{t('contactsUi.placeLevels.outreach_route')}</option>
          </select>
        </label>
        <Field
          label={t('contactsUi.place')}
          value={placeName}
          onChange={setPlaceName}
          required
          hint={t('contactsUi.placeHint')}
          error={fe.errorFor('place.name')}
        />
        <Field
          label={t('contactsUi.language')}
          value={language}
          onChange={setLanguage}
          error={fe.errorFor('language')}
        />
        <label className="checkbox">
          <input type="checkbox" checked={interpreterUsed} onChange={(e) => setInterpreterUsed(e.target.checked)} />
          {t('contactsUi.interpreter')}
        </label>
        <CodeChecks legend={t('contactsUi.needs')} listKey="immediate_needs" value={needs} onChange={setNeeds} />
        <CodeChecks
          legend={t('contactsUi.provided')}
          listKey="contact_provisions"
          value={provided}
          onChange={setProvided}
        />
        <Field
          label={t('contactsUi.nickname')}
          value={nickname}
          onChange={setNickname}
          hint={t('contactsUi.nicknameHint')}
          error={fe.errorFor('nickname')}
        />
        <label className="field">
          <span>{t('contactsUi.note')}</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} {...fe.describe('note')} />
        </label>
        <FieldErrorSummary fe={fe} />
        <button type="submit" className="primary big" disabled={record.isPending}>
          {t('contactsUi.save')}
        </button>
        {record.isSuccess && <p role="status">{t('contactsUi.saved')}</p>}
      </form>
    </section>
  );
}

function ContactLog({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [kind, setKind] = useState('');
  const [place, setPlace] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (kind) params.set('kind', kind);
  if (place.trim()) params.set('place', place.trim());
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const log = useQuery({
    queryKey: ['contacts', params.toString()],
    queryFn: () => api<ContactList>(`/api/contacts?${params.toString()}`),
  });
  const id = useId();
  const fmt = (iso: string) =>
    new Date(iso).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('contactsUi.log')}</h2>
      <div className="filters">
        <label className="field">
          <span>{t('contactsUi.kind')}</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('contactsUi.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`contactsUi.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <Field
          label={t('contactsUi.place')}
          value={place}
          onChange={(v) => {
            setPlace(v);
            setOffset(0);
          }}
        />
        <Field label={t('contactsUi.from')} type="date" value={from} onChange={setFrom} />
        <Field label={t('contactsUi.to')} type="date" value={to} onChange={setTo} />
      </div>
      {log.error && <ErrorMessage error={log.error} />}
      {log.data && log.data.items.length === 0 && <p className="muted">{t('contactsUi.none')}</p>}
      {log.data && log.data.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('contactsUi.log')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contactsUi.when')}</th>
                <th scope="col">{t('contactsUi.kind')}</th>
                <th scope="col">{t('contactsUi.place')}</th>
                <th scope="col">{t('contactsUi.nickname')}</th>
                <th scope="col">{t('contactsUi.provided')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('contactsUi.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((c) => (
                <tr key={c.id}>
                  <td>{fmt(c.occurredAt)}</td>
                  <td>{t(`contactsUi.kinds.${c.kind}`)}</td>
                  <td>{c.place.name}</td>
                  <td>{c.nickname ?? t('contactsUi.anonymous')}</td>
                  <td>{c.provided.map((p) => label('contact_provisions', p)).join(', ')}</td>
                  <td>
                    <button type="button" onClick={() => onOpen(c.id)}>
                      {t('contactsUi.openChain')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.data && (
        <nav className="pager" aria-label={t('contactsUi.paging')}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('contactsUi.previous')}
          </button>
          <span>
            {t('contactsUi.range', {
              from: log.data.total === 0 ? 0 : offset + 1,
              to: Math.min(offset + PAGE, log.data.total),
              total: log.data.total,
            })}
          </span>
          <button type="button" disabled={offset + PAGE >= log.data.total} onClick={() => setOffset(offset + PAGE)}>
            {t('contactsUi.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function ChainView({ contactId }: { contactId: string }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const chain = useQuery({
    queryKey: ['contacts', 'chain', contactId],
    queryFn: () => api<ContactChainDto>(`/api/contacts/${contactId}/chain`),
  });
  const id = useId();
  const fmt = (iso: string) =>
    new Date(iso).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('contactsUi.chain')}</h2>
      {chain.error && <ErrorMessage error={chain.error} />}
      {chain.data && (
        <>
          <ol className="chain">
            {chain.data.contacts.map((c) => (
              <li key={c.id} className={c.voided ? 'voided' : undefined}>
                <strong>{fmt(c.occurredAt)}</strong> · {t(`contactsUi.kinds.${c.kind}`)} · {c.place.name}
                {c.nickname && <> · {c.nickname}</>}
                {c.provided.length > 0 && (
                  <div>
                    {t('contactsUi.provided')}: {c.provided.map((p) => label('contact_provisions', p)).join(', ')}
                  </div>
                )}
                {c.needs.length > 0 && (
                  <div>
                    {t('contactsUi.needs')}: {c.needs.map((n) => label('immediate_needs', n)).join(', ')}
                  </div>
                )}
                {c.note && <p className="note">{c.note}</p>}
                {c.voided ? (
                  <p className="muted">{t('contactsUi.voided')}</p>
                ) : (
                  <p>
                    <Link to={`/contacts/${c.id}/handoff`}>{t('contactsUi.handOff')}</Link>
                  </p>
                )}
              </li>
            ))}
          </ol>
          {chain.data.caseId ? (
            <p>
              {t('contactsUi.becameCase')} <Link to={`/cases/${chain.data.caseId}`}>{chain.data.caseReference}</Link>
            </p>
          ) : (
            <MakeCase chain={chain.data} contactId={contactId} />
          )}
        </>
      )}
    </section>
  );
}

function MakeCase({ chain, contactId }: { chain: ContactChainDto; contactId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const idem = useIdempotencyKey();
  const [open, setOpen] = useState(false);
  const [givenName, setGivenName] = useState('');
  const [risk, setRisk] = useState('');
  const [carryNeeds, setCarryNeeds] = useState(true);
  const [carryLanguage, setCarryLanguage] = useState(true);
  const [notes, setNotes] = useState<string[]>([]);
  const [purposes, setPurposes] = useState<string[]>(['assistance', 'data_storage']);
  const [consentLanguage, setConsentLanguage] = useState('');
  const [interpreterUsed, setInterpreterUsed] = useState(false);
  const make = useMutation({
    mutationFn: () =>
      api<ContactCaseDto>(`/api/contacts/${contactId}/case`, {
        method: 'POST',
        idempotencyKey: idem.key,
        body: {
          person: { givenName: givenName.trim() },
          risk: { level: risk },
          carry: { needs: carryNeeds, language: carryLanguage, noteContactIds: notes },
          consent: { purposes, language: consentLanguage.trim(), interpreterUsed },
        },
      }),
    onSuccess: async (r) => {
      idem.renew();
      await qc.invalidateQueries({ queryKey: ['contacts'] });
      navigate(`/cases/${r.caseId}/contacts`);
    },
  });
  const fe = useFieldErrors(make.error);
  const withNotes = chain.contacts.filter((c) => c.note && !c.voided);
  if (!open)
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {t('contactsUi.makeCase')}
      </button>
    );
  return (
    <form className="make-case" onSubmit={(e) => e.preventDefault()} aria-label={t('contactsUi.makeCase')}>
      <p>{t('contactsUi.makeCaseIntro')}</p>
      <Field
        label={t('contactsUi.givenName')}
        value={givenName}
        onChange={setGivenName}
        required
        hint={t('contactsUi.givenNameHint')}
        error={fe.errorFor('person.givenName')}
      />
      <CodeSelect
        label={t('contactsUi.risk')}
        listKey="risk_levels"
        value={risk}
        onChange={setRisk}
        required
        error={fe.errorFor('risk.level')}
      />
      <fieldset>
        <legend>{t('contactsUi.carry')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={carryNeeds} onChange={(e) => setCarryNeeds(e.target.checked)} />
          {t('contactsUi.carryNeeds')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={carryLanguage} onChange={(e) => setCarryLanguage(e.target.checked)} />
          {t('contactsUi.carryLanguage')}
        </label>
        {withNotes.map((c) => (
          <label key={c.id} className="checkbox">
            <input
              type="checkbox"
              checked={notes.includes(c.id)}
              onChange={(e) => setNotes(e.target.checked ? [...notes, c.id] : notes.filter((n) => n !== c.id))}
            />
            {t('contactsUi.carryNote', { date: c.occurredAt.slice(0, 10) })}
          </label>
        ))}
      </fieldset>
      <CodeChecks legend={t('contactsUi.consent')} listKey="consent_purposes" value={purposes} onChange={setPurposes} />
      <Field
        label={t('contactsUi.consentLanguage')}
        value={consentLanguage}
        onChange={setConsentLanguage}
        required
        error={fe.errorFor('consent.language')}
      />
      <label className="checkbox">
        <input type="checkbox" checked={interpreterUsed} onChange={(e) => setInterpreterUsed(e.target.checked)} />
        {t('contactsUi.interpreter')}
      </label>
      <FieldErrorSummary fe={fe} />
      {make.error && fe.errorFor('') === undefined && <ErrorMessage error={make.error} />}
      <ConfirmButton
        label={t('contactsUi.makeCase')}
        question={t('contactsUi.makeCaseQuestion', { n: chain.contacts.length })}
        confirmLabel={t('contactsUi.makeCaseConfirm')}
        disabled={make.isPending || !givenName.trim() || !risk || !consentLanguage.trim() || purposes.length === 0}
        onConfirm={() => make.mutate()}
      />
    </form>
  );
}

/** The case page's contact history: the contacts of the chain it came from. */
export function CaseContactsTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const history = useQuery({
    queryKey: ['case', caseId, 'contacts'],
    queryFn: () => api<CaseContacts>(`/api/cases/${caseId}/contacts`),
  });
  return (
    <section className="card">
      <h2>{t('contactsUi.history')}</h2>
      {history.error && <ErrorMessage error={history.error} />}
      {history.data && history.data.contacts.length === 0 && <p className="muted">{t('contactsUi.noHistory')}</p>}
      {history.data && history.data.contacts.length > 0 && (
        <ol className="chain">
          {history.data.contacts.map((c) => (
            <li key={c.id}>
              <strong>
                {new Date(c.occurredAt).toLocaleDateString(i18n.resolvedLanguage, { dateStyle: 'medium' })}
              </strong>{' '}
              · {t(`contactsUi.kinds.${c.kind}`)} · {c.place.name}
              {c.provided.length > 0 && <> · {c.provided.map((p) => label('contact_provisions', p)).join(', ')}</>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
