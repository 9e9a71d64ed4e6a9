/** Who opened or changed this case, newest first: names and actions, never content. Shown to the case owner and auditors. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/cases';
import type { AuditEntryView as AuditEntry } from '../../../server/api-types';
import { ErrorMessage } from '../../components/ErrorMessage';

export function AuditTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const log = useQuery({
    queryKey: ['case', c.id, 'audit'],
    queryFn: () => api<{ entries: AuditEntry[] }>(`/api/cases/${c.id}/audit`),
  });
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: () => api<{ staff: { id: string; displayName: string }[] }>('/api/staff'),
    retry: false,
  });
  const who = (id: string | null) =>
    id ? (staff.data?.staff.find((s) => s.id === id)?.displayName ?? t('caseUi.formerStaff')) : t('caseUi.system');
  const entries = log.data?.entries ?? [];
  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title">{t('caseUi.accessLog')}</h2>
        <p className="muted">{t('caseUi.accessLogIntro')}</p>
        <ErrorMessage error={log.error} />
        {log.isPending && <p role="status">{t('common.loading')}</p>}
        {entries.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('caseUi.accessLog')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('caseUi.when')}</th>
                  <th scope="col">{t('caseUi.who')}</th>
                  <th scope="col">{t('caseUi.action')}</th>
                  <th scope="col">{t('caseUi.fieldsTouched')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={e.seq ?? `pending-${i}`}>
                    <td>{new Date(e.at).toLocaleString(i18n.language)}</td>
                    <td>{who(e.actorId)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.fields.join(', ')}</td>
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
