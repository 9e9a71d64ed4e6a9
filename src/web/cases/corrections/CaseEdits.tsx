/**
 * Editing the case itself, from its overview: the person, the intake, the programme and country, and
 * handing the case over to another case owner (with a reason, after a confirmation). Each form asks
 * before unsaved input is left and offers "reload and re-apply" on a version conflict.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/cases';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { Notice } from '../../components/ErrorMessage';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { Check, CodeChecks, CodeSelect } from '../fields';
import { useCaseEdit, useOwnerCandidates } from './api';
import { LongText, ReasonField, RequiredMark, TextInput } from './inputs';

type Editing = 'none' | 'person' | 'intake' | 'settings' | 'owner';

export function CaseEdits({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>('none');
  const [saved, setSaved] = useState<Editing>('none');
  if (!c.permissions.update && !c.permissions.changeOwner) return null;
  const done = (what: Editing) => () => {
    setEditing('none');
    setSaved(what);
  };
  const opener = (what: Editing, text: string) => (
    <button
      type="button"
      className="secondary"
      aria-expanded={editing === what}
      onClick={() => {
        setSaved('none');
        setEditing(editing === what ? 'none' : what);
      }}
    >
      {text}
    </button>
  );
  return (
    <section className="card" aria-labelledby="case-edits-title">
      <h2 id="case-edits-title">{t('correctUi.case.title')}</h2>
      <div className="actions">
        {c.permissions.update && opener('person', t('correctUi.person.edit'))}
        {c.permissions.update && c.intake && opener('intake', t('correctUi.intake.edit'))}
        {c.permissions.update && opener('settings', t('correctUi.settings.edit'))}
        {c.permissions.changeOwner && opener('owner', t('correctUi.owner.edit'))}
      </div>
      {saved !== 'none' && <Notice>{t(`correctUi.saved.${saved}`)}</Notice>}
      {editing === 'person' && <PersonForm c={c} onDone={done('person')} onCancel={() => setEditing('none')} />}
      {editing === 'intake' && c.intake && (
        <IntakeForm c={c} intake={c.intake} onDone={done('intake')} onCancel={() => setEditing('none')} />
      )}
      {editing === 'settings' && <SettingsForm c={c} onDone={done('settings')} onCancel={() => setEditing('none')} />}
      {editing === 'owner' && <HandOverForm c={c} onDone={done('owner')} onCancel={() => setEditing('none')} />}
    </section>
  );
}

/** Only the fields she changed are sent (with the version she saw). */
function changed<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])),
  ) as Partial<T>;
}

function EditForm({
  title,
  onSubmit,
  pending,
  error,
  caseId,
  reset,
  onCancel,
  children,
  submit,
}: {
  title: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  caseId: string;
  reset: () => void;
  onCancel: () => void;
  children: ReactNode;
  submit?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="card correction"
      aria-label={title}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      <p className="muted">{t('correctUi.requiredHint')}</p>
      {children}
      <ConflictNotice error={error} queryKey={['case', caseId]} onReloaded={reset} />
      <div className="actions">
        {submit ?? (
          <button type="submit" disabled={pending}>
            {t('correctUi.save')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('correctUi.cancel')}
        </button>
      </div>
    </form>
  );
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function PersonForm({ c, onDone, onCancel }: { c: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const p = c.person;
  const [initial] = useState(() => ({
    givenName: p.givenName,
    familyName: p.familyName ?? '',
    aliases: p.aliases.join(', '),
    dateOfBirth: p.dateOfBirth ?? '',
    sex: p.sex,
    citizenship: p.citizenship ?? '',
    languages: p.languages.join(', '),
    contact: p.contact ?? '',
    documents: p.documents ?? '',
    chosenTerm: p.chosenTerm ?? '',
    pronouns: p.pronouns ?? '',
    preferredLanguage: p.preferredLanguage ?? '',
  }));
  const [v, setV] = useState(initial);
  const save = useCaseEdit<Record<string, unknown>>(c.id, '/person');
  const diff = changed(initial, v);
  const unsaved = useUnsavedChanges(Object.keys(diff).length > 0 && !save.isSuccess);
  const field = (key: keyof typeof v) => ({ value: v[key], onChange: (x: string) => setV({ ...v, [key]: x }) });
  return (
    <EditForm
      title={t('correctUi.person.title')}
      caseId={c.id}
      pending={save.isPending}
      error={save.error}
      reset={() => save.reset()}
      onCancel={onCancel}
      onSubmit={() => {
        const body: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(diff) as [string, string][]) {
          if (k === 'aliases' || k === 'languages') body[k] = list(x);
          else if (k === 'citizenship') body[k] = x.toUpperCase() || undefined;
          else if (x !== '') body[k] = x;
        }
        save.mutate(
          { ...body, version: c.person.version },
          {
            onSuccess: () => {
              unsaved.release();
              onDone();
            },
          },
        );
      }}
    >
      <TextInput label={t('caseUi.givenName')} required {...field('givenName')} />
      <TextInput label={t('caseUi.familyName')} {...field('familyName')} />
      <TextInput label={t('correctUi.fields.aliases')} hint={t('correctUi.entry.commaHint')} {...field('aliases')} />
      <TextInput label={t('caseUi.dateOfBirth')} type="date" {...field('dateOfBirth')} />
      <label className="field">
        <span>{t('caseUi.sex')}</span>
        <select value={v.sex} onChange={(e) => setV({ ...v, sex: e.target.value })}>
          {['female', 'male', 'other', 'unknown'].map((s) => (
            <option key={s} value={s}>
              {t(`caseUi.sexes.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <TextInput label={t('caseUi.citizenship')} hint={t('correctUi.countryHint')} {...field('citizenship')} />
      <TextInput
        label={t('correctUi.fields.languages')}
        hint={t('correctUi.entry.commaHint')}
        {...field('languages')}
      />
      <CodeSelect label={t('caseUi.chosenTerm')} listKey="chosen_terms" {...field('chosenTerm')} />
      <TextInput label={t('correctUi.fields.pronouns')} {...field('pronouns')} />
      <TextInput label={t('caseUi.preferredLanguage')} {...field('preferredLanguage')} />
      <LongText label={t('correctUi.fields.contact')} rows={2} maxLength={500} {...field('contact')} />
      <LongText label={t('correctUi.fields.documents')} rows={3} maxLength={1000} {...field('documents')} />
    </EditForm>
  );
}

function IntakeForm({
  c,
  intake,
  onDone,
  onCancel,
}: {
  c: CaseDetail;
  intake: NonNullable<CaseDetail['intake']>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => ({
    channel: intake.channel,
    contactDate: intake.contactDate,
    municipality: intake.municipality ?? '',
    language: intake.language ?? '',
    mediatorUsed: intake.mediatorUsed,
    immediateNeeds: intake.immediateNeeds,
  }));
  const [v, setV] = useState(initial);
  const save = useCaseEdit<Record<string, unknown>>(c.id, '/intake');
  const diff = changed(initial, v);
  const unsaved = useUnsavedChanges(Object.keys(diff).length > 0 && !save.isSuccess);
  return (
    <EditForm
      title={t('correctUi.intake.title')}
      caseId={c.id}
      pending={save.isPending}
      error={save.error}
      reset={() => save.reset()}
      onCancel={onCancel}
      onSubmit={() => {
        const body: Record<string, unknown> = { ...diff };
        if ('municipality' in diff) body.municipality = v.municipality || null;
        if ('language' in diff) body.language = v.language || null;
        save.mutate(
          { ...body, version: intake.version },
          {
            onSuccess: () => {
              unsaved.release();
              onDone();
            },
          },
        );
      }}
    >
      <CodeSelect
        label={t('caseUi.channel')}
        listKey="channels"
        required
        value={v.channel}
        onChange={(channel) => setV({ ...v, channel })}
      />
      <TextInput
        label={t('caseUi.contactDate')}
        type="date"
        required
        value={v.contactDate}
        onChange={(contactDate) => setV({ ...v, contactDate })}
      />
      <TextInput
        label={t('caseUi.municipality')}
        value={v.municipality}
        onChange={(municipality) => setV({ ...v, municipality })}
      />
      <TextInput
        label={t('correctUi.fields.language')}
        value={v.language}
        onChange={(language) => setV({ ...v, language })}
      />
      <Check
        label={t('correctUi.intake.mediatorUsed')}
        checked={v.mediatorUsed}
        onChange={(mediatorUsed) => setV({ ...v, mediatorUsed })}
      />
      <CodeChecks
        legend={t('caseUi.immediateNeeds')}
        listKey="immediate_needs"
        value={v.immediateNeeds}
        onChange={(immediateNeeds) => setV({ ...v, immediateNeeds })}
      />
    </EditForm>
  );
}

function SettingsForm({ c, onDone, onCancel }: { c: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [initial] = useState(() => ({ programmeType: c.programmeType ?? '', country: c.country ?? '' }));
  const [v, setV] = useState(initial);
  const save = useCaseEdit<Record<string, unknown>>(c.id, '');
  const diff = changed(initial, v);
  const unsaved = useUnsavedChanges(Object.keys(diff).length > 0 && !save.isSuccess);
  return (
    <EditForm
      title={t('correctUi.settings.title')}
      caseId={c.id}
      pending={save.isPending}
      error={save.error}
      reset={() => save.reset()}
      onCancel={onCancel}
      onSubmit={() =>
        save.mutate(
          {
            ...('programmeType' in diff ? { programmeType: v.programmeType || null } : {}),
            ...('country' in diff ? { country: v.country.toUpperCase() || null } : {}),
            version: c.version,
          },
          {
            onSuccess: () => {
              unsaved.release();
              onDone();
            },
          },
        )
      }
    >
      <CodeSelect
        label={t('correctUi.settings.programme')}
        listKey="programme_types"
        value={v.programmeType}
        onChange={(programmeType) => setV({ ...v, programmeType })}
      />
      <TextInput
        label={t('correctUi.settings.country')}
        hint={t('correctUi.settings.countryHint')}
        value={v.country}
        onChange={(country) => setV({ ...v, country: country.toUpperCase().slice(0, 2) })}
      />
    </EditForm>
  );
}

function HandOverForm({ c, onDone, onCancel }: { c: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const candidates = useOwnerCandidates(c.id, true);
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const save = useCaseEdit<{ ownerId: string; reason: string; version: number }>(c.id, '/owner', 'POST');
  const unsaved = useUnsavedChanges((ownerId !== '' || reason.trim() !== '') && !save.isSuccess);
  const others = (candidates.data?.users ?? []).filter((u) => !u.current);
  const to = others.find((u) => u.id === ownerId)?.displayName ?? '';
  return (
    <EditForm
      title={t('correctUi.owner.title')}
      caseId={c.id}
      pending={save.isPending}
      error={save.error ?? candidates.error}
      reset={() => save.reset()}
      onCancel={onCancel}
      onSubmit={() => undefined}
      submit={
        <ConfirmButton
          label={t('correctUi.owner.submit')}
          question={t('correctUi.owner.question', { to, from: c.owner.displayName })}
          disabled={!ownerId || reason.trim() === '' || save.isPending}
          onConfirm={() =>
            save.mutate(
              { ownerId, reason: reason.trim(), version: c.version },
              {
                onSuccess: () => {
                  unsaved.release();
                  onDone();
                },
              },
            )
          }
        />
      }
    >
      <p>{t('correctUi.owner.current', { name: c.owner.displayName })}</p>
      <label className="field">
        <span>
          {t('correctUi.owner.to')}
          <RequiredMark />
        </span>
        <select value={ownerId} required aria-required onChange={(e) => setOwnerId(e.target.value)}>
          <option value="">{t('caseUi.choose')}</option>
          {others.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
        </select>
      </label>
      <ReasonField label={t('correctUi.owner.reason')} value={reason} onChange={setReason} />
    </EditForm>
  );
}
