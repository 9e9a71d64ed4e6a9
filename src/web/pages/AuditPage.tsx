/**
 * The organisation's audit trail: who (by name), when, what (a translated label), about which case
 * (its reference) and which fields — never values. Paged and filtered on the server by user, action
 * and case reference; exported to CSV with the same filters; "Verify" checks the signed Merkle log.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCode } from '../../domain/audit/history-codes';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { useEntityLabel, useHistoryLabel } from '../history/labels';
import type { AuditPage as AuditPageView, AuditVerify } from '../history/types';
import { formatDateTime } from '../i18n/dates';

const PAGE_SIZE = 50;

interface Filters {
  actorId: string;
  action: string;
  caseReference: string;
}
const NO_FILTERS: Filters = { actorId: '', action: '', caseReference: '' };

function query(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(filters)) if (v.trim()) params.set(k, v.trim());
  return params.toString();
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const label = useHistoryLabel();
  const entity = useEntityLabel();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const audit = useQuery({
    queryKey: ['audit', filters, offset],
    queryFn: () =>
      api<AuditPageView>(`/api/audit?${query(filters, { limit: String(PAGE_SIZE), offset: String(offset) })}`),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api<AuditVerify>('/api/audit/verify', { method: 'POST' }) });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setOffset(0);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setOffset(0);
  };
  const data = audit.data;
  const who = (id: string | null, name: string | null | undefined) =>
    id ? (name ?? t('historyUi.formerStaff')) : t('historyUi.system');
  const subject = (e: AuditPageView['entries'][number]) => e.caseReference ?? e.entityName ?? '';

  return (
    <section className="audit-page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>

      <form className="card audit-filters" onSubmit={apply} aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t('historyUi.filters')}</h2>
        <div className="filter-row">
          <label className="field">
            <span>{t('historyUi.filterUser')}</span>
            <select
              aria-label={t('historyUi.filterUser')}
              value={draft.actorId}
              onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}
            >
              <option value="">{t('historyUi.anyone')}</option>
              {data?.actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName ?? t('historyUi.formerStaff')}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('historyUi.filterAction')}</span>
            <select
              aria-label={t('historyUi.filterAction')}
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            >
              <option value="">{t('historyUi.anyAction')}</option>
              {data?.actions
                .map((a) => ({ code: a.code, text: label('action', a.code) }))
                .sort((a, b) => a.text.localeCompare(b.text, i18n.language))
                .map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.text}
                  </option>
                ))}
            </select>
          </label>
          <label className="field">
            <span>{t('historyUi.filterCase')}</span>
            <input
              value={draft.caseReference}
              maxLength={64}
              autoComplete="off"
              onChange={(e) => setDraft({ ...draft, caseReference: e.target.value })}
            />
          </label>
        </div>
        <div className="actions">
          <button type="submit">{t('historyUi.apply')}</button>
          <button type="button" className="secondary" onClick={clear}>
            {t('historyUi.clear')}
          </button>
          <a className="button secondary" href={`/api/audit/export.csv?${query(filters)}`} download>
            {t('historyUi.exportCsv')}
          </a>
          <button type="button" className="secondary" disabled={verify.isPending} onClick={() => verify.mutate()}>
            {verify.isPending ? t('historyUi.verifying') : t('historyUi.verify')}
          </button>
        </div>
        <ErrorMessage error={verify.error} />
        {verify.data && <VerifyResult result={verify.data} />}
      </form>

      {audit.isPending && <p role="status">{t('common.loading')}</p>}
      <ErrorMessage error={audit.error} />
      {data && data.entries.length === 0 && <p role="status">{t('historyUi.empty')}</p>}
      {data && data.entries.length > 0 && (
        <>
          <p className="muted" aria-live="polite">
            {t('historyUi.range', {
              from: data.offset + 1,
              to: data.offset + data.entries.length,
              total: data.total,
            })}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.title')}>
            <table className="history-table">
              <thead>
                <tr>
                  <th scope="col">{t('historyUi.seq')}</th>
                  <th scope="col">{t('historyUi.when')}</th>
                  <th scope="col">{t('historyUi.who')}</th>
                  <th scope="col">{t('historyUi.action')}</th>
                  <th scope="col">{t('historyUi.subject')}</th>
                  <th scope="col">{t('historyUi.fields')}</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((entry, i) => (
                  <tr key={entry.seq ?? `pending-${data.offset + i}`}>
                    <td>{entry.seq ?? '—'}</td>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{who(entry.actorId, entry.actorName)}</td>
                    <td>{label('action', entry.action)}</td>
                    <td>
                      <span className="muted">{entity(entry.entityType)}</span> {subject(entry)}
                    </td>
                    <td>{entry.fields.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('historyUi.pages')}>
            <button
              type="button"
              className="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              {t('historyUi.previous')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={data.offset + data.entries.length >= data.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              {t('historyUi.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function VerifyResult({ result }: { result: AuditVerify }) {
  const { t, i18n } = useTranslation();
  if (result.ok)
    return (
      <p className="alert alert-ok" role="status">
        {t('historyUi.verified', { entries: result.entries, treeSize: result.treeSize })}
        {result.pending > 0 && <> {t('historyUi.pending', { count: result.pending })}</>}
      </p>
    );
  const code = result.reason ?? '';
  const reason = i18n.exists(`historyUi.reasons.${code}`) ? t(`historyUi.reasons.${code}`) : readableCode(code);
  return (
    <p className="alert alert-error" role="alert">
      {result.brokenAtSeq !== null
        ? t('historyUi.broken', { seq: result.brokenAtSeq, reason })
        : t('historyUi.brokenNoSeq', { reason })}
    </p>
  );
}
