/** A list of one kind of record, each rendered by the tab, with who recorded it and when. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCase, useEntries, type Entry } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EntryActions, VoidedEntries } from '../corrections/EntryActions';
import { formatDate } from '../../i18n/dates';

export function EntryList({
  caseId,
  kind,
  title,
  render,
}: {
  caseId: string;
  kind: string;
  title: string;
  render: (e: Entry) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const entries = useEntries(caseId, kind);
  // Correct, history and void under each record (the case is in the cache: its page loaded it).
  const editable = useCase(caseId).data?.permissions.update ?? false;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <ErrorMessage error={entries.error} />
      {entries.data?.entries.length === 0 && <p className="muted">{t('caseUi.nothingYet')}</p>}
      <ul className="entries">
        {entries.data?.entries.map((e) => (
          <li key={e.id}>
            {render(e)}
            <small className="muted">
              {' '}
              — {e.recordedBy?.displayName ?? t('caseUi.system')}, {formatDate(e.recordedAt)}
            </small>
            <EntryActions caseId={caseId} entry={e} editable={editable} />
          </li>
        ))}
      </ul>
      <VoidedEntries caseId={caseId} kind={kind} />
    </section>
  );
}
