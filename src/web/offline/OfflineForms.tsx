/**
 * The forms of field work (issue #18): a contact (ContactInputSchema, the same schema the server and
 * the sync replay read), a note on a held case, and a few of the case's own fields. Checked here with
 * the shared schemas, each problem said at its field; what passes goes to the encrypted outbox.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CONTACT_KINDS, ContactInputSchema, PLACE_LEVELS } from '../../domain/contacts/inputs';
import { NOTE_KINDS } from '../../domain/cases/entries';
import { todayIso } from '../api/cases';
import { ApiError } from '../api/client';
import { FieldError, FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { CodeChecks, Field } from '../cases/fields';
import type { OfflineCase, OfflineEntry } from './store';
import { addNote, CASE_FIELDS, editCase, editNote, recordChange } from './sync';

/** A Zod failure in the server's error envelope, so useFieldErrors says each problem at its field. */
const asFieldErrors = (error: z.ZodError) =>
  new ApiError(
    400,
    'validation_failed',
    '',
    error.issues.map((i) => ({ ...i, path: i.path.map(String) })),
  );

/** A local date-time (the input's value) with her offset, as the schema wants. */
function withOffset(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return local;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${local.length === 16 ? `${local}:00` : local}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function ContactForm() {
  const { t } = useTranslation();
  const empty = {
    occurredAt: nowLocal(),
    kind: 'outreach' as string,
    level: 'outreach_route' as string,
    place: '',
    language: '',
    interpreterUsed: false,
    needs: [] as string[],
    provided: [] as string[],
    nickname: '',
    note: '',
  };
  const [v, setV] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fe = useFieldErrors(error);
  const set = (patch: Partial<typeof empty>) => (setV({ ...v, ...patch }), setSaved(false));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ContactInputSchema.safeParse({
      occurredAt: withOffset(v.occurredAt),
      kind: v.kind,
      place: { level: v.level, name: v.place },
      ...(v.language.trim() ? { language: v.language } : {}),
      interpreterUsed: v.interpreterUsed,
      needs: v.needs,
      provided: v.provided,
      ...(v.nickname.trim() ? { nickname: v.nickname } : {}),
      ...(v.note.trim() ? { note: v.note } : {}),
    });
    if (!parsed.success) return setError(asFieldErrors(parsed.error));
    setError(null);
    await recordChange({ type: 'contact', contact: parsed.data });
    setV({ ...empty, occurredAt: nowLocal(), kind: v.kind, level: v.level, place: v.place });
    setSaved(true);
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="offline-contact" noValidate>
      <h2 id="offline-contact">{t('offlineUi.recordContact')}</h2>
      <p className="muted small">{t('offlineUi.contactHint')}</p>
      <div className="offline-grid">
        <Field
          label={t('offlineUi.contact.occurredAt')}
          type="datetime-local"
          name="occurredAt"
          required
          value={v.occurredAt}
          onChange={(occurredAt) => set({ occurredAt })}
          error={fe.errorFor('occurredAt')}
        />
        <label className="field">
          <span>{t('offlineUi.contact.kind')}</span>
          <select
            name="contactKind"
            value={v.kind}
            onChange={(e) => set({ kind: e.target.value })}
            {...fe.describe('kind')}
          >
            {CONTACT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`offlineUi.contactKinds.${k}`)}
              </option>
            ))}
          </select>
          <FieldError fe={fe} path="kind" />
        </label>
        <label className="field">
          <span>{t('offlineUi.contact.placeLevel')}</span>
          <select
            name="placeLevel"
            value={v.level}
            onChange={(e) => set({ level: e.target.value })}
            {...fe.describe('place.level')}
          >
            {PLACE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`offlineUi.placeLevels.${l}`)}
              </option>
            ))}
          </select>
          <FieldError fe={fe} path="place.level" />
        </label>
        <Field
          label={t('offlineUi.contact.place')}
          name="place"
          required
          hint={t('offlineUi.contact.placeHint')}
          value={v.place}
          onChange={(place) => set({ place })}
          error={fe.errorFor('place.name')}
        />
        <Field
          label={t('offlineUi.contact.language')}
          name="language"
          value={v.language}
          onChange={(language) => set({ language })}
          error={fe.errorFor('language')}
        />
        <Field
          label={t('offlineUi.contact.nickname')}
          name="nickname"
          hint={t('offlineUi.contact.nicknameHint')}
          value={v.nickname}
          onChange={(nickname) => set({ nickname })}
          error={fe.errorFor('nickname')}
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          name="interpreterUsed"
          checked={v.interpreterUsed}
          onChange={(e) => set({ interpreterUsed: e.target.checked })}
        />
        {t('offlineUi.contact.interpreterUsed')}
      </label>
      <CodeChecks
        legend={t('offlineUi.contact.needs')}
        listKey="immediate_needs"
        value={v.needs}
        onChange={(needs) => set({ needs })}
      />
      <CodeChecks
        legend={t('offlineUi.contact.provided')}
        listKey="contact_provisions"
        value={v.provided}
        onChange={(provided) => set({ provided })}
      />
      <label className="field">
        <span>{t('offlineUi.contact.note')}</span>
        <textarea
          name="contactNote"
          rows={3}
          value={v.note}
          onChange={(e) => set({ note: e.target.value })}
          {...fe.describe('note')}
        />
        <FieldError fe={fe} path="note" />
      </label>
      <FieldErrorSummary fe={fe} />
      <div className="actions">
        <button type="submit">{t('offlineUi.saveContact')}</button>
        {saved && (
          <span role="status" className="muted">
            {t('offlineUi.contactSaved')}
          </span>
        )}
      </div>
    </form>
  );
}

/** Adds a note to a held case, or edits one (`entry`). */
export function NoteForm({ caseId, entry, onDone }: { caseId: string; entry?: OfflineEntry; onDone?: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState(String(entry?.data.kind ?? 'meeting'));
  const [date, setDate] = useState(String(entry?.data.date ?? todayIso()));
  const [text, setText] = useState(String(entry?.data.text ?? ''));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const prefix = entry ? `edit-${entry.id}` : `add-${caseId}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = t('feedbackUi.field.date');
    if (!text.trim()) found.text = t('feedbackUi.field.required');
    else if (text.length > 10_000) found.text = t('feedbackUi.field.tooBigChars', { limit: 10_000 });
    setProblems(found);
    if (Object.keys(found).length) return;
    if (entry) {
      await editNote(entry, { kind, date, text: text.trim() });
      onDone?.();
    } else {
      await addNote(caseId, { date, kind, interpreterUsed: false, text: text.trim() });
      setText('');
      setSaved(true);
    }
  }

  return (
    <form className={entry ? 'note-edit' : 'card nested'} onSubmit={(e) => void submit(e)} noValidate>
      {!entry && <h3>{t('offlineUi.addNote')}</h3>}
      <div className="offline-grid">
        <label className="field">
          <span>{t('offlineUi.noteKind')}</span>
          <select name="noteKind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`notesUi.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <Field
          label={t('offlineUi.noteDate')}
          type="date"
          name="noteDate"
          required
          value={date}
          onChange={setDate}
          error={problems.date}
        />
      </div>
      <label className="field">
        <span>{t('offlineUi.noteText')}</span>
        <textarea
          name="noteText"
          rows={4}
          required
          value={text}
          onChange={(e) => (setText(e.target.value), setSaved(false))}
          aria-invalid={problems.text ? true : undefined}
          aria-describedby={problems.text ? `${prefix}-text-error` : undefined}
        />
        {problems.text && (
          <small id={`${prefix}-text-error`} className="field-error">
            {problems.text}
          </small>
        )}
      </label>
      <div className="actions">
        <button type="submit">{entry ? t('offlineUi.saveEdit') : t('offlineUi.saveNote')}</button>
        {entry && (
          <button type="button" className="secondary" onClick={onDone}>
            {t('offlineUi.cancel')}
          </button>
        )}
        {saved && (
          <span role="status" className="muted">
            {t('offlineUi.noteSaved')}
          </span>
        )}
      </div>
    </form>
  );
}

/** A few of the case's own fields (the rest is edited online). */
export function EditCaseForm({ c }: { c: OfflineCase }) {
  const { t } = useTranslation();
  const initial = Object.fromEntries(CASE_FIELDS.map((f) => [f, String(c.fields[f] ?? '')]));
  const [v, setV] = useState<Record<string, string>>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const country = v.country!.trim().toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country)) return setProblem(t('offlineUi.countryFormat'));
    setProblem(null);
    await editCase(
      c,
      Object.fromEntries(CASE_FIELDS.map((f) => [f, f === 'country' ? country || null : v[f]!.trim() || null])),
    );
    setSaved(true);
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('offlineUi.editCase')}>
      <h3>{t('offlineUi.editCase')}</h3>
      <div className="offline-grid">
        {CASE_FIELDS.map((f) => (
          <Field
            key={f}
            label={t(`offlineUi.caseFields.${f}`)}
            name={`case-${f}`}
            value={v[f] ?? ''}
            onChange={(x) => (setV({ ...v, [f]: x }), setSaved(false))}
            error={f === 'country' ? (problem ?? undefined) : undefined}
          />
        ))}
      </div>
      <div className="actions">
        <button type="submit">{t('offlineUi.saveEdit')}</button>
        {saved && (
          <span role="status" className="muted">
            {t('offlineUi.caseSaved')}
          </span>
        )}
      </div>
    </form>
  );
}
