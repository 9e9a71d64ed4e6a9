/** Turning points, life events and the only hard failures (recorded with her stated reasons), and circumstances that are never failures. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, useLabel, useReferenceLists, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EntryList } from '../tabs/EntryList';
import { Field } from '../fields';
import { formatDate } from '../../i18n/dates';

/** The seed kinds that are hard failures: her stated reasons are asked for (an organisation's own kinds are not). */
const HARD = new Set(['violence', 're_trafficking', 'return_to_exploitation']);

export function EventsPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const add = useAddEntry(c.id);
  const addCircumstance = useAddEntry(c.id);
  const [event, setEvent] = useState({ kind: 'thinking_about_future', date: todayIso(), note: '', statedReasons: '' });
  const [circ, setCirc] = useState({ kind: 'unemployment', from: todayIso(), to: '', note: '' });
  const label = useLabel();
  const lists = useReferenceLists().data?.lists ?? [];
  // The organisation's lists (issue #17): active kinds are offered, every kind is labelled.
  const activeCodes = (key: string) =>
    lists
      .find((l) => l.key === key)
      ?.items.filter((i) => i.active)
      .map((i) => i.code) ?? [];
  const eventKinds = [...activeCodes('outcome_event_kinds'), 'return_to_exploitation'];
  const circumstances = activeCodes('circumstance_kinds');
  const eventLabel = (kind: string) =>
    kind === 'return_to_exploitation' ? t('outcomesUi.returnToExploitation') : label('outcome_event_kinds', kind);
  const hard = HARD.has(event.kind);

  function recordEvent(e: FormEvent) {
    e.preventDefault();
    const done = { onSuccess: () => setEvent({ ...event, note: '', statedReasons: '' }) };
    if (event.kind === 'return_to_exploitation')
      add.mutate({ kind: 'exploitation_return', data: { date: event.date, statedReasons: event.statedReasons } }, done);
    else
      add.mutate(
        {
          kind: 'outcome_event',
          data: {
            kind: event.kind,
            date: event.date,
            ...(event.note ? { note: event.note } : {}),
            ...(hard ? { statedReasons: event.statedReasons } : {}),
          },
        },
        done,
      );
  }
  function recordCircumstance(e: FormEvent) {
    e.preventDefault();
    addCircumstance.mutate(
      {
        kind: 'circumstance',
        data: {
          kind: circ.kind,
          from: circ.from,
          ...(circ.to ? { to: circ.to } : {}),
          ...(circ.note ? { note: circ.note } : {}),
        },
      },
      { onSuccess: () => setCirc({ ...circ, note: '', to: '' }) },
    );
  }

  return (
    <>
      {c.permissions.update && (
        <form className="card" aria-labelledby="event-title" onSubmit={recordEvent}>
          <h2 id="event-title">{t('outcomesUi.eventsTitle')}</h2>
          <label className="field">
            <span>{t('outcomesUi.eventKind')}</span>
            <select value={event.kind} onChange={(e) => setEvent({ ...event, kind: e.target.value })}>
              {eventKinds.map((k) => (
                <option key={k} value={k}>
                  {eventLabel(k)}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t('outcomesUi.eventDate')}
            type="date"
            value={event.date}
            onChange={(date) => setEvent({ ...event, date })}
          />
          {!hard && (
            <Field label={t('outcomesUi.note')} value={event.note} onChange={(note) => setEvent({ ...event, note })} />
          )}
          {hard && (
            <label className="field">
              <span>{t('outcomesUi.statedReasons')}</span>
              <textarea
                rows={3}
                required
                value={event.statedReasons}
                onChange={(e) => setEvent({ ...event, statedReasons: e.target.value })}
                aria-describedby="reasons-hint"
              />
              <small id="reasons-hint">{t('outcomesUi.statedReasonsHint')}</small>
            </label>
          )}
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('outcomesUi.recordEvent')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="outcome_event"
        title={t('outcomesUi.eventsTitle')}
        render={(e) => (
          <>
            {formatDate(String(e.data.date))} · {eventLabel(String(e.data.kind))}
            {e.data.note ? ` — ${String(e.data.note)}` : ''}
          </>
        )}
      />
      <EntryList
        caseId={c.id}
        kind="exploitation_return"
        title={t('outcomesUi.returnToExploitation')}
        render={(e) => (
          <>
            {formatDate(String(e.data.date))} · {String(e.data.statedReasons)}
          </>
        )}
      />
      {c.permissions.update && (
        <form className="card" aria-labelledby="circumstance-title" onSubmit={recordCircumstance}>
          <h2 id="circumstance-title">{t('outcomesUi.circumstancesTitle')}</h2>
          <p className="alert alert-info">{t('outcomesUi.circumstancesNote')}</p>
          <label className="field">
            <span>{t('outcomesUi.circumstanceKind')}</span>
            <select value={circ.kind} onChange={(e) => setCirc({ ...circ, kind: e.target.value })}>
              {circumstances.map((k) => (
                <option key={k} value={k}>
                  {label('circumstance_kinds', k)}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t('outcomesUi.from')}
            type="date"
            value={circ.from}
            onChange={(from) => setCirc({ ...circ, from })}
          />
          <Field label={t('outcomesUi.to')} type="date" value={circ.to} onChange={(to) => setCirc({ ...circ, to })} />
          <Field label={t('outcomesUi.note')} value={circ.note} onChange={(note) => setCirc({ ...circ, note })} />
          <ErrorMessage error={addCircumstance.error} />
          <div className="actions">
            <button type="submit" disabled={addCircumstance.isPending}>
              {t('outcomesUi.recordCircumstance')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="circumstance"
        title={t('outcomesUi.circumstancesTitle')}
        render={(e) => (
          <>
            {label('circumstance_kinds', String(e.data.kind))} · {formatDate(String(e.data.from))}
            {e.data.to ? ` – ${formatDate(String(e.data.to))}` : ''}
          </>
        )}
      />
    </>
  );
}
