/** Network agreements: our networks and invitations, and a form to propose a network of at least three organisations. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { api } from '../api/client';
import type { SessionView } from '../api/types';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { Field } from '../cases/fields';
import type { NetworkCandidates, NetworkList, ProposedNetwork } from '../../server/api-types';
import { useIdempotencyKey } from '../api/idempotency';

/** What the questionnaire page hands over when its section C describes a network. */
export interface NetworkDraft {
  name: string;
  formal: boolean;
  level: string;
  structure: string;
  multiAgency: boolean;
  composition: string[];
  objectives: string | null;
}

const LEVELS = ['municipal', 'provincial', 'regional', 'national', 'international'];
const STRUCTURES = ['lead_and_partners', 'rotating_leadership', 'no_formal_structure', 'other'];
const COMPOSITION = [
  'leading_organisation',
  'ngos',
  'public_administration',
  'municipalities',
  'regional_administration',
  'private_organisations',
];

export function NetworksPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const draft = (useLocation().state as { draft?: NetworkDraft } | null)?.draft;
  const list = useQuery({ queryKey: ['networks'], queryFn: () => api<NetworkList>('/api/networks') });
  const candidates = useQuery({
    queryKey: ['network-candidates'],
    queryFn: () => api<NetworkCandidates>('/api/network/candidates'),
  });
  const answer = useMutation({
    mutationFn: (v: { id: string; answer: 'accept' | 'decline' }) =>
      api(`/api/networks/${v.id}/${v.answer}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['networks'] }),
  });
  const blank = {
    name: draft?.name ?? '',
    formal: draft?.formal ?? true,
    level: draft?.level ?? 'regional',
    structure: draft?.structure ?? 'lead_and_partners',
    multiAgency: draft?.multiAgency ?? true,
    objectives: draft?.objectives ?? '',
    composition: draft?.composition ?? ([] as string[]),
    title: '',
    document: '',
    from: '',
    to: '',
    members: [] as string[],
  };
  const [form, setForm] = useState(blank);
  const idem = useIdempotencyKey();
  const propose = useMutation({
    mutationFn: () =>
      api<ProposedNetwork>('/api/networks', {
        method: 'POST',
        idempotencyKey: idem.key,
        body: {
          name: form.name,
          formal: form.formal,
          level: form.level,
          structure: form.structure,
          multiAgency: form.multiAgency,
          composition: form.composition,
          ...(form.objectives ? { objectives: form.objectives } : {}),
          agreement: {
            ...(form.title ? { title: form.title } : {}),
            ...(form.document ? { document: form.document } : {}),
            ...(form.from ? { from: form.from } : {}),
            ...(form.to ? { to: form.to } : {}),
          },
          members: form.members.map((organisationId) => ({ organisationId })),
        },
      }),
    onSuccess: () => {
      idem.renew();
      setForm(blank);
      void client.invalidateQueries({ queryKey: ['networks'] });
    },
  });
  const toggle = (values: string[], value: string, on: boolean) =>
    on ? [...values, value] : values.filter((v) => v !== value);
  const networks = list.data?.networks ?? [];

  return (
    <section>
      <h1>{t('networksUi.title')}</h1>
      <p className="muted">{t('networksUi.intro')}</p>
      <ErrorMessage error={list.error ?? answer.error} />
      <section className="card" aria-labelledby="my-networks">
        <h2 id="my-networks">{t('networksUi.mine')}</h2>
        {list.data && networks.length === 0 && <p className="muted">{t('networksUi.none')}</p>}
        {networks.map((n) => (
          <article key={n.id} className="network-card" aria-label={n.name}>
            <h3>
              {n.name}
              {n.myStatus === 'invited' && (
                <>
                  {' '}
                  · <span className="badge">{t('networksUi.invitation')}</span>
                </>
              )}
            </h3>
            <p>
              {n.formal ? t('networksUi.formal') : t('networksUi.informal')} · {t(`networksUi.levels.${n.level}`)} ·{' '}
              {t(`networksUi.structures.${n.structure}`)} ·{' '}
              {n.multiAgency ? t('networksUi.multiAgency') : t('networksUi.sameType')}
            </p>
            {n.objectives && (
              <p>
                <strong>{t('networksUi.objectives')}:</strong> {n.objectives}
              </p>
            )}
            {(n.agreement.title || n.agreement.from) && (
              <p>
                <strong>{t('networksUi.agreement')}:</strong> {n.agreement.title ?? ''}{' '}
                {n.agreement.from ? `(${n.agreement.from} – ${n.agreement.to ?? ''})` : ''}
              </p>
            )}
            <p>{t('networksUi.activeMembers', { count: n.activeMembers })}</p>
            <ul>
              {n.members.map((m) => (
                <li key={m.id}>
                  {m.name}
                  {m.lead ? ` · ${t('networksUi.lead')}` : ''} · {t(`networksUi.${m.status}`)}
                </li>
              ))}
            </ul>
            {n.myStatus === 'invited' && session.permissions.manageNetworks && (
              <div className="actions">
                <button
                  type="button"
                  disabled={answer.isPending}
                  onClick={() => answer.mutate({ id: n.id, answer: 'accept' })}
                >
                  {t('networksUi.accept')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={answer.isPending}
                  onClick={() => answer.mutate({ id: n.id, answer: 'decline' })}
                >
                  {t('networksUi.decline')}
                </button>
              </div>
            )}
          </article>
        ))}
      </section>
      {session.permissions.manageNetworks && (
        <form
          className="card"
          aria-labelledby="propose-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            propose.mutate();
          }}
        >
          <h2 id="propose-title">{t('networksUi.propose')}</h2>
          {draft && <p className="alert alert-info">{t('networksUi.fromQuestionnaire')}</p>}
          <Field
            label={t('networksUi.name')}
            required
            value={form.name}
            onChange={(name) => setForm({ ...form, name })}
          />
          <fieldset className="checks">
            <legend>{t('networksUi.agreement')}</legend>
            <label className="checkbox">
              <input
                type="radio"
                name="formal"
                checked={form.formal}
                onChange={() => setForm({ ...form, formal: true })}
              />
              {t('networksUi.formal')}
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="formal"
                checked={!form.formal}
                onChange={() => setForm({ ...form, formal: false })}
              />
              {t('networksUi.informal')}
            </label>
          </fieldset>
          <label className="field">
            <span>{t('networksUi.level')}</span>
            <select value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`networksUi.levels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('networksUi.structure')}</span>
            <select value={form.structure} onChange={(e) => setForm({ ...form, structure: e.target.value })}>
              {STRUCTURES.map((s) => (
                <option key={s} value={s}>
                  {t(`networksUi.structures.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.multiAgency}
              onChange={(e) => setForm({ ...form, multiAgency: e.target.checked })}
            />
            {t('networksUi.multiAgency')}
          </label>
          <fieldset className="checks">
            <legend>{t('networksUi.composition')}</legend>
            {COMPOSITION.map((c) => (
              <label key={c} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.composition.includes(c)}
                  onChange={(e) => setForm({ ...form, composition: toggle(form.composition, c, e.target.checked) })}
                />
                {t(`networksUi.options.${c}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('networksUi.objectives')}</span>
            <textarea
              rows={3}
              value={form.objectives}
              onChange={(e) => setForm({ ...form, objectives: e.target.value })}
            />
          </label>
          <Field
            label={t('networksUi.agreementTitle')}
            value={form.title}
            onChange={(title) => setForm({ ...form, title })}
          />
          <label className="field">
            <span>{t('networksUi.agreementDocument')}</span>
            <textarea rows={3} value={form.document} onChange={(e) => setForm({ ...form, document: e.target.value })} />
          </label>
          <Field
            label={t('networksUi.validFrom')}
            type="date"
            value={form.from}
            onChange={(from) => setForm({ ...form, from })}
          />
          <Field
            label={t('networksUi.validTo')}
            type="date"
            value={form.to}
            onChange={(to) => setForm({ ...form, to })}
          />
          <fieldset className="checks">
            <legend>{t('networksUi.chooseMembers')}</legend>
            {(candidates.data?.organisations ?? [])
              .filter((o) => o.id !== session.organisation.id)
              .map((o) => (
                <label key={o.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={form.members.includes(o.id)}
                    onChange={(e) => setForm({ ...form, members: toggle(form.members, o.id, e.target.checked) })}
                  />
                  {o.name}
                </label>
              ))}
          </fieldset>
          <ErrorMessage error={propose.error} />
          {propose.isSuccess && <Notice>{t('networksUi.proposed')}</Notice>}
          <div className="actions">
            <button type="submit" disabled={propose.isPending}>
              {t('networksUi.proposeButton')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
