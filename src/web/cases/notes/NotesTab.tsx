/**
 * Case notes and the contact log: each meeting, call, visit or message, newest first, with a
 * search within the case. The search runs here, over the notes the server opened for this viewer
 * (src/domain/cases/notes.ts explains why not on the server), and the add form below the list.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_KINDS } from '../../../domain/cases/entries';
import { newestFirst, searchNotes } from '../../../domain/cases/notes';
import { todayIso, useAddEntry, useEntries, type CaseDetail } from '../../api/cases';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { FieldError, FieldErrorSummary, useFieldErrors } from '../../components/FieldErrors';
import { formatDate } from '../../i18n/dates';
import { EntryActions } from '../corrections/EntryActions';
import { Check, Field } from '../fields';

const TEXT_MAX = 10_000;

export function NotesTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const entries = useEntries(c.id, 'note');
  const [query, setQuery] = useState('');
  const kindLabel = (kind: string) => t(`notesUi.kinds.${kind}`, { defaultValue: kind });
  const notes = newestFirst(searchNotes(entries.data?.entries ?? [], query, kindLabel));
  const total = entries.data?.entries.length ?? 0;
  return (
    <div className="tab-panel">
      {c.permissions.update && <AddNote caseId={c.id} />}
      <section className="card" aria-labelledby="notes-list">
        <h2 id="notes-list">{t('notesUi.title')}</h2>
        <div role="search">
          <label className="field">
            <span>{t('notesUi.search')}</span>
            <input
              type="search"
              name="noteSearch"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-describedby="notes-search-hint"
            />
            <small id="notes-search-hint">{t('notesUi.searchHint')}</small>
          </label>
        </div>
        <ErrorMessage error={entries.error} />
        {entries.isPending && <p role="status">{t('common.loading')}</p>}
        {entries.data && (
          <p className="muted" role="status" aria-live="polite">
            {query.trim() ? t('notesUi.found', { count: notes.length, total }) : t('notesUi.count', { count: total })}
          </p>
        )}
        {entries.data && total > 0 && notes.length === 0 && <p>{t('notesUi.noMatch')}</p>}
        <ul className="entries notes" data-testid="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p>
                <strong>{kindLabel(String(n.data.kind))}</strong> · {formatDate(String(n.data.date))}
                {n.data.time ? ` ${String(n.data.time)}` : ''}
                {n.data.interpreterUsed === true && (
                  <>
                    {' '}
                    ·{' '}
                    {n.data.interpreterLanguage
                      ? t('notesUi.interpreterIn', { language: String(n.data.interpreterLanguage) })
                      : t('notesUi.interpreter')}
                  </>
                )}
              </p>
              {typeof n.data.present === 'string' && n.data.present && (
                <p className="muted">
                  {t('notesUi.present')}: {n.data.present}
                </p>
              )}
              <p className="note-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {String(n.data.text ?? '')}
              </p>
              <small className="muted">
                {n.recordedBy?.displayName ?? t('caseUi.system')}, {formatDate(n.recordedAt)}
              </small>
              <EntryActions caseId={c.id} entry={n} editable={c.permissions.update} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function AddNote({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddEntry(caseId);
  const empty = {
    date: todayIso(),
    time: '',
    kind: 'meeting',
    present: '',
    interpreterUsed: false,
    interpreterLanguage: '',
    text: '',
  };
  const [form, setForm] = useState(empty);
  const [saved, setSaved] = useState(false);
  const fe = useFieldErrors(add.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    add.mutate(
      {
        kind: 'note',
        data: {
          date: form.date,
          kind: form.kind,
          interpreterUsed: form.interpreterUsed,
          text: form.text,
          ...(form.time ? { time: form.time } : {}),
          ...(form.present.trim() ? { present: form.present } : {}),
          ...(form.interpreterUsed && form.interpreterLanguage.trim()
            ? { interpreterLanguage: form.interpreterLanguage }
            : {}),
        },
      },
      {
        onSuccess: () => {
          // A saved note is a new record: the form starts again for the next one.
          setForm({ ...empty, date: todayIso() });
          setSaved(true);
        },
      },
    );
  }

  return (
    <form className="card" aria-labelledby="note-new" onSubmit={submit}>
      <h2 id="note-new">{t('notesUi.add')}</h2>
      {saved && !add.error && <Notice>{t('notesUi.saved')}</Notice>}
      <div className="row">
        <Field
          label={t('notesUi.date')}
          type="date"
          required
          name="noteDate"
          value={form.date}
          onChange={(date) => setForm({ ...form, date })}
          error={fe.errorFor('data.date')}
        />
        <Field
          label={t('notesUi.time')}
          type="time"
          name="noteTime"
          value={form.time}
          onChange={(time) => setForm({ ...form, time })}
          error={fe.errorFor('data.time')}
        />
        <label className="field">
          <span>{t('notesUi.kind')}</span>
          <select
            name="noteKind"
            required
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value })}
            {...fe.describe('data.kind')}
          >
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`notesUi.kinds.${k}`)}
              </option>
            ))}
          </select>
          <FieldError fe={fe} path="data.kind" />
        </label>
      </div>
      <Field
        label={t('notesUi.present')}
        name="notePresent"
        hint={t('notesUi.presentHint')}
        value={form.present}
        onChange={(present) => setForm({ ...form, present })}
        error={fe.errorFor('data.present')}
      />
      <Check
        label={t('notesUi.interpreterUsed')}
        checked={form.interpreterUsed}
        onChange={(interpreterUsed) => setForm({ ...form, interpreterUsed })}
      />
      {form.interpreterUsed && (
        <Field
          label={t('notesUi.interpreterLanguage')}
          name="noteInterpreterLanguage"
          value={form.interpreterLanguage}
          onChange={(interpreterLanguage) => setForm({ ...form, interpreterLanguage })}
          error={fe.errorFor('data.interpreterLanguage')}
        />
      )}
      <label className="field">
        <span>{t('notesUi.text')}</span>
        <textarea
          name="noteText"
          rows={6}
          required
          maxLength={TEXT_MAX}
          value={form.text}
          onChange={(e) => setForm({ ...form, text: e.target.value })}
          {...(fe.errorFor('data.text') ? fe.describe('data.text') : { 'aria-describedby': 'note-text-hint' })}
        />
        <small id="note-text-hint">{t('notesUi.textHint')}</small>
        <FieldError fe={fe} path="data.text" />
      </label>
      <ErrorMessage error={add.error} />
      <FieldErrorSummary fe={fe} />
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          {t('notesUi.save')}
        </button>
      </div>
    </form>
  );
}
