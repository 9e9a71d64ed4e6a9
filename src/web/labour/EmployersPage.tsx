/**
 * The employer directory (issue #19): the organisation's employers and those its network partners
 * share; add and edit one, its company tutors and the agreements signed, and share it with the
 * network (after a confirmation). Company data only: never a person placed.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../api/cases';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { CodeSelect, Field } from '../cases/fields';
import { formatDate } from '../i18n/dates';
import { useEmployerMutation, useEmployers, type EmployerView } from './api';

const LEVELS = ['municipality', 'nuts3', 'nuts2', 'national'] as const;
const KINDS = ['internship_agreement', 'placement_agreement', 'framework'] as const;
const blank = {
  name: '',
  sector: '',
  territoryLevel: 'municipality',
  territory: '',
  contactPerson: '',
  contactPhone: '',
  contactEmail: '',
  notes: '',
};
const drop = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));

export function EmployersPage() {
  const { t } = useTranslation();
  const list = useEmployers();
  const [editing, setEditing] = useState<EmployerView | null>(null);
  return (
    <section className="employers">
      <h1>{t('labourUi.employers.title')}</h1>
      <p className="muted">{t('labourUi.employers.intro')}</p>
      <EmployerForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
      <ErrorMessage error={list.error} />
      {list.data?.employers.length === 0 && <p>{t('labourUi.employers.empty')}</p>}
      <ul className="entries">
        {list.data?.employers.map((e) => (
          <li key={e.id}>
            <EmployerCard e={e} onEdit={() => setEditing(e)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function EmployerForm({ editing, onDone }: { editing: EmployerView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState(
    editing
      ? {
          name: editing.name,
          sector: editing.sector,
          territoryLevel: editing.territoryLevel,
          territory: editing.territory,
          contactPerson: editing.contactPerson ?? '',
          contactPhone: editing.contactPhone ?? '',
          contactEmail: editing.contactEmail ?? '',
          notes: editing.notes ?? '',
        }
      : blank,
  );
  const save = useEmployerMutation<Record<string, unknown>>(
    () => (editing ? `/api/employers/${editing.id}` : '/api/employers'),
    () => (editing ? 'PUT' : 'POST'),
  );
  const fe = useFieldErrors(save.error);
  const set = (k: keyof typeof blank) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      className="card"
      aria-labelledby="employer-form-title"
      noValidate
      onSubmit={(ev: FormEvent) => {
        ev.preventDefault();
        save.mutate(
          { ...drop(f), ...(editing ? { version: editing.version } : {}) },
          {
            onSuccess: () => {
              setF(blank);
              onDone();
            },
          },
        );
      }}
    >
      <h2 id="employer-form-title">
        {editing ? t('labourUi.employers.edit', { name: editing.name }) : t('labourUi.employers.add')}
      </h2>
      <Field
        label={t('labourUi.employers.name')}
        required
        value={f.name}
        onChange={set('name')}
        error={fe.errorFor('name')}
      />
      <CodeSelect
        label={t('labourUi.employers.sector')}
        listKey="economic_sectors"
        required
        value={f.sector}
        onChange={set('sector')}
        error={fe.errorFor('sector')}
      />
      <label className="field">
        <span>{t('labourUi.employers.territoryLevel')}</span>
        <select value={f.territoryLevel} onChange={(e) => set('territoryLevel')(e.target.value)}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`labourUi.levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <Field
        label={t('labourUi.employers.territory')}
        required
        value={f.territory}
        onChange={set('territory')}
        error={fe.errorFor('territory')}
      />
      <Field
        label={t('labourUi.employers.contactPerson')}
        hint={t('labourUi.employers.contactHint')}
        value={f.contactPerson}
        onChange={set('contactPerson')}
        error={fe.errorFor('contactPerson')}
      />
      <Field label={t('labourUi.employers.contactPhone')} value={f.contactPhone} onChange={set('contactPhone')} />
      <Field
        label={t('labourUi.employers.contactEmail')}
        type="email"
        value={f.contactEmail}
        onChange={set('contactEmail')}
        error={fe.errorFor('contactEmail')}
      />
      <label className="field">
        <span>{t('labourUi.employers.notes')}</span>
        <textarea value={f.notes} onChange={(e) => set('notes')(e.target.value)} {...fe.describe('notes')} />
      </label>
      <FieldErrorSummary fe={fe} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {t('labourUi.save')}
        </button>
        {editing && (
          <button type="button" className="secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function EmployerCard({ e, onEdit }: { e: EmployerView; onEdit: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const share = useEmployerMutation<{ shared: boolean; version: number }>(
    () => `/api/employers/${e.id}/sharing`,
    () => 'PUT',
  );
  return (
    <article className="card" aria-label={e.name}>
      <h2>{e.name}</h2>
      <p>
        {label('economic_sectors', e.sector)} · {e.territory} ({t(`labourUi.levels.${e.territoryLevel}`)})
        {!e.own && <> · {t('labourUi.employers.sharedBy', { organisation: e.organisation.name })}</>}
      </p>
      {(e.contactPerson || e.contactPhone || e.contactEmail) && (
        <p>
          {t('labourUi.employers.contact')}:{' '}
          {[e.contactPerson, e.contactPhone, e.contactEmail].filter(Boolean).join(' · ')}
        </p>
      )}
      {e.notes && <p className="muted">{e.notes}</p>}
      <p>
        <strong>{e.sharedWithNetworks ? t('labourUi.employers.isShared') : t('labourUi.employers.notShared')}</strong>
      </p>
      <ErrorMessage error={share.error} />
      {e.own && (
        <div className="actions">
          <button type="button" className="secondary" onClick={onEdit}>
            {t('labourUi.employers.editButton')}
          </button>
          <ConfirmButton
            label={e.sharedWithNetworks ? t('labourUi.employers.unshare') : t('labourUi.employers.share')}
            question={
              e.sharedWithNetworks ? t('labourUi.employers.unshareQuestion') : t('labourUi.employers.shareQuestion')
            }
            onConfirm={() => share.mutate({ shared: !e.sharedWithNetworks, version: e.version })}
          />
        </div>
      )}
      <h3>{t('labourUi.tutors.title')}</h3>
      {e.tutors.length === 0 && <p className="muted">{t('labourUi.none')}</p>}
      <ul>
        {e.tutors.map((tu) => (
          <li key={tu.id}>{[tu.name, tu.role, tu.contact].filter(Boolean).join(' · ')}</li>
        ))}
      </ul>
      {e.own && <TutorForm employer={e} />}
      <h3>{t('labourUi.agreements.title')}</h3>
      {e.agreements.length === 0 && <p className="muted">{t('labourUi.none')}</p>}
      <ul>
        {e.agreements.map((a) => (
          <li key={a.id}>
            {t(`labourUi.agreements.kinds.${a.kind}`)} · {formatDate(a.signedOn)}
            {a.validUntil ? ` – ${formatDate(a.validUntil)}` : ''}
            {a.reference ? ` · ${a.reference}` : ''}
          </li>
        ))}
      </ul>
      {e.own && <AgreementForm employer={e} />}
    </article>
  );
}

function TutorForm({ employer }: { employer: EmployerView }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ name: '', role: '', contact: '' });
  const add = useEmployerMutation<typeof f>(() => `/api/employers/${employer.id}/tutors`);
  const fe = useFieldErrors(add.error);
  return (
    <form
      aria-label={t('labourUi.tutors.add')}
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        add.mutate(drop(f) as typeof f, { onSuccess: () => setF({ name: '', role: '', contact: '' }) });
      }}
    >
      <Field
        label={t('labourUi.tutors.name')}
        value={f.name}
        onChange={(name) => setF({ ...f, name })}
        error={fe.errorFor('name')}
      />
      <Field label={t('labourUi.tutors.role')} value={f.role} onChange={(role) => setF({ ...f, role })} />
      <Field label={t('labourUi.tutors.contact')} value={f.contact} onChange={(contact) => setF({ ...f, contact })} />
      <FieldErrorSummary fe={fe} />
      <button type="submit" className="secondary" disabled={add.isPending}>
        {t('labourUi.tutors.add')}
      </button>
    </form>
  );
}

function AgreementForm({ employer }: { employer: EmployerView }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ kind: 'internship_agreement', signedOn: '', validUntil: '', reference: '' });
  const add = useEmployerMutation<typeof f>(() => `/api/employers/${employer.id}/agreements`);
  const fe = useFieldErrors(add.error);
  return (
    <form
      aria-label={t('labourUi.agreements.add')}
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        add.mutate(drop(f) as typeof f);
      }}
    >
      <label className="field">
        <span>{t('labourUi.agreements.kind')}</span>
        <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`labourUi.agreements.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <Field
        label={t('labourUi.agreements.signedOn')}
        type="date"
        value={f.signedOn}
        onChange={(signedOn) => setF({ ...f, signedOn })}
        error={fe.errorFor('signedOn')}
      />
      <Field
        label={t('labourUi.agreements.validUntil')}
        type="date"
        value={f.validUntil}
        onChange={(validUntil) => setF({ ...f, validUntil })}
        error={fe.errorFor('validUntil')}
      />
      <Field
        label={t('labourUi.agreements.reference')}
        value={f.reference}
        onChange={(reference) => setF({ ...f, reference })}
      />
      <FieldErrorSummary fe={fe} />
      <button type="submit" className="secondary" disabled={add.isPending}>
        {t('labourUi.agreements.add')}
      </button>
    </form>
  );
}
