/**
 * Who opened or changed this case: one line per person and visit, with how many actions, the first and
 * last time, what she did (translated) and which fields — never content. Shown to the case owner and auditors.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useHistoryLabel } from '../../history/labels';
import type { AccessLog } from '../../history/types';
import { formatDateTime } from '../../i18n/dates';

export function AuditTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const label = useHistoryLabel();
  const log = useQuery({
    queryKey: ['case', c.id, 'access-log'],
    queryFn: () => api<AccessLog>(`/api/cases/${c.id}/access-log`),
  });
  const visits = log.data?.visits ?? [];
  const time = (at: string) => formatDateTime(at);
  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title">{t('historyUi.accessTitle')}</h2>
        <p className="muted">{t('historyUi.accessIntro')}</p>
        <ErrorMessage error={log.error} />
        {log.isPending && <p role="status">{t('common.loading')}</p>}
        {visits.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('historyUi.accessTitle')}>
            <table className="history-table access-log">
              <thead>
                <tr>
                  <th scope="col">{t('historyUi.who')}</th>
                  <th scope="col">{t('historyUi.count')}</th>
                  <th scope="col">{t('historyUi.first')}</th>
                  <th scope="col">{t('historyUi.last')}</th>
                  <th scope="col">{t('historyUi.what')}</th>
                  <th scope="col">{t('historyUi.fields')}</th>
                </tr>
              </thead>
              <tbody>
                {visits.map((v) => (
                  <tr key={`${v.actorId ?? 'system'}-${v.firstAt}`}>
                    <td>{v.actorId ? (v.actorName ?? t('historyUi.formerStaff')) : t('historyUi.system')}</td>
                    <td>{v.count}</td>
                    <td>
                      <time dateTime={v.firstAt}>{time(v.firstAt)}</time>
                    </td>
                    <td>
                      <time dateTime={v.lastAt}>{time(v.lastAt)}</time>
                    </td>
                    <td>{v.actions.map((a) => label('action', a.code)).join('; ')}</td>
                    <td>{v.fields.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
