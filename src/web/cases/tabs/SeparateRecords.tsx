/**
 * The records the identification tab keeps apart and never merges with the trafficking assessment:
 * an authority's determination, her migration status, sex work and her own account (encrypted).
 * Each has its own form and its own list, labelled as its own category.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useLabel, type CaseDetail } from '../../api/cases';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { useFieldError } from '../Derivation';
import { CodeSelect, Field } from '../fields';
import { useCreateEntry, withoutBlanks } from '../risk/useCreateEntry';
import { EntryList } from './EntryList';
import { formatDate } from '../../i18n/dates';

export function SeparateRecords({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <>
      <p className="muted">{t('formsUi.keptApart')}</p>
      <AuthorityDetermination c={c} />
      <EntryList
        caseId={c.id}
        kind="determination_authority"
        title={t('formsUi.authority.list')}
        render={(e) => (
          <>
            <strong>{t(`formsUi.outcomes.${String(e.data.outcome)}`)}</strong> · {String(e.data.authority)} ·{' '}
            {formatDate(String(e.data.decidedOn))}
            {typeof e.data.reference === 'string' && <> · {e.data.reference}</>}
          </>
        )}
      />
      <MigrationStatus c={c} />
      <EntryList
        caseId={c.id}
        kind="migration_status"
        title={t('formsUi.migration.list')}
        render={(e) => (
          <>
            <strong>{label('migration_statuses', String(e.data.status))}</strong> ·{' '}
            {formatDate(String(e.data.recordedOn))}
            {typeof e.data.note === 'string' && <div className="muted">{e.data.note}</div>}
          </>
        )}
      />
      <SexWork c={c} />
      <EntryList
        caseId={c.id}
        kind="sex_work"
        title={t('formsUi.sexWork.list')}
        render={(e) => (
          <>
            <strong>{t(`formsUi.sexWork.answers.${String(e.data.doesSexWork)}`)}</strong> ·{' '}
            {formatDate(String(e.data.recordedOn))}
          </>
        )}
      />
      <OwnAccount c={c} />
      <EntryList
        caseId={c.id}
        kind="own_account"
        title={t('formsUi.ownAccount.list')}
        render={(e) => (
          <>
            <span className="own-account-text">{String(e.data.text)}</span>
            <small className="muted">
              {' '}
              · {formatDate(String(e.data.recordedOn))}
              {typeof e.data.language === 'string' && <> · {e.data.language}</>}
            </small>
          </>
        )}
      />
    </>
  );
}

/** A form card: its heading, the fields, the error or the success notice, and the save button. */
export function RecordForm({
  id,
  title,
  hint,
  pending,
  error,
  saved,
  submit,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  pending: boolean;
  error: unknown;
  saved: boolean;
  submit: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="card"
      aria-labelledby={id}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={id}>{title}</h2>
      {hint && <p className="muted">{hint}</p>}
      {children}
      <ErrorMessage error={error} />
      {saved && !error && <Notice>{t('formsUi.saved')}</Notice>}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {submit}
        </button>
      </div>
    </form>
  );
}

/** Form state that clears after a save and remembers that it saved (until the next submission). */
export function useRecordForm<T extends Record<string, string>>(caseId: string, initial: () => T) {
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(false);
  const add = useCreateEntry(caseId, () => {
    setValue(initial());
    setSaved(true);
  });
  return {
    value,
    set: (patch: Partial<T>) => setValue((v) => ({ ...v, ...patch })),
    saved,
    add,
    save: (kind: string, data: Record<string, unknown>) => {
      setSaved(false);
      add.mutate({ kind, data: withoutBlanks(data) });
    },
  };
}

function AuthorityDetermination({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ outcome: 'pending', authority: '', decidedOn: todayIso(), reference: '' }));
  const fieldError = useFieldError(f.add.error);
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="authority-determination-title"
      title={t('formsUi.authority.title')}
      hint={t('formsUi.authority.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('formsUi.authority.save')}
      onSubmit={() => f.save('determination_authority', f.value)}
    >
      <label className="field">
        <span>{t('formsUi.outcome')}</span>
        <select name="authorityOutcome" value={f.value.outcome} onChange={(e) => f.set({ outcome: e.target.value })}>
          {['determined', 'not_determined', 'pending'].map((o) => (
            <option key={o} value={o}>
              {t(`formsUi.outcomes.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <Field
        label={t('formsUi.authority.authority')}
        name="authority"
        required
        value={f.value.authority}
        onChange={(authority) => f.set({ authority })}
        error={fieldError('authority')}
      />
      <Field
        label={t('formsUi.authority.decidedOn')}
        type="date"
        name="authorityDecidedOn"
        required
        value={f.value.decidedOn}
        onChange={(decidedOn) => f.set({ decidedOn })}
        error={fieldError('decidedOn')}
      />
      <Field
        label={t('formsUi.authority.reference')}
        name="authorityReference"
        value={f.value.reference}
        onChange={(reference) => f.set({ reference })}
      />
    </RecordForm>
  );
}

function MigrationStatus({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ status: '', recordedOn: todayIso(), note: '' }));
  const fieldError = useFieldError(f.add.error);
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="migration-status-title"
      title={t('formsUi.migration.title')}
      hint={t('formsUi.migration.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('formsUi.migration.save')}
      onSubmit={() => f.save('migration_status', f.value)}
    >
      <CodeSelect
        label={t('formsUi.migration.status')}
        listKey="migration_statuses"
        name="migrationStatus"
        required
        value={f.value.status}
        onChange={(status) => f.set({ status })}
      />
      <Field
        label={t('formsUi.recordedOn')}
        type="date"
        name="migrationRecordedOn"
        required
        value={f.value.recordedOn}
        onChange={(recordedOn) => f.set({ recordedOn })}
        error={fieldError('recordedOn')}
      />
      <label className="field">
        <span>{t('formsUi.note')}</span>
        <textarea
          name="migrationNote"
          rows={3}
          value={f.value.note}
          onChange={(e) => f.set({ note: e.target.value })}
        />
      </label>
    </RecordForm>
  );
}

function SexWork({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ doesSexWork: 'not_asked', recordedOn: todayIso() }));
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="sex-work-title"
      title={t('formsUi.sexWork.title')}
      hint={t('formsUi.sexWork.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('formsUi.sexWork.save')}
      onSubmit={() => f.save('sex_work', f.value)}
    >
      <fieldset className="checks">
        <legend>{t('formsUi.sexWork.question')}</legend>
        {['yes', 'no', 'unknown', 'not_asked'].map((v) => (
          <label key={v} className="checkbox">
            <input
              type="radio"
              name="doesSexWork"
              value={v}
              checked={f.value.doesSexWork === v}
              onChange={() => f.set({ doesSexWork: v })}
            />
            {t(`formsUi.sexWork.answers.${v}`)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('formsUi.recordedOn')}
        type="date"
        name="sexWorkRecordedOn"
        required
        value={f.value.recordedOn}
        onChange={(recordedOn) => f.set({ recordedOn })}
      />
    </RecordForm>
  );
}

function OwnAccount({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ text: '', language: '', recordedOn: todayIso() }));
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="own-account-title"
      title={t('formsUi.ownAccount.title')}
      hint={t('formsUi.ownAccount.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('formsUi.ownAccount.save')}
      onSubmit={() => f.save('own_account', f.value)}
    >
      <label className="field">
        <span>{t('formsUi.ownAccount.text')}</span>
        <textarea
          name="ownAccount"
          required
          rows={6}
          value={f.value.text}
          onChange={(e) => f.set({ text: e.target.value })}
        />
      </label>
      <Field
        label={t('formsUi.ownAccount.language')}
        name="ownAccountLanguage"
        value={f.value.language}
        onChange={(language) => f.set({ language })}
      />
      <Field
        label={t('formsUi.recordedOn')}
        type="date"
        name="ownAccountRecordedOn"
        required
        value={f.value.recordedOn}
        onChange={(recordedOn) => f.set({ recordedOn })}
      />
    </RecordForm>
  );
}
