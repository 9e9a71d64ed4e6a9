/** The organisation's audit trail: who, when, what, and field names only. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditEntryView } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const audit = useQuery({
    queryKey: ['audit'],
    queryFn: () => api<{ entries: AuditEntryView[] }>('/api/audit?limit=100'),
  });
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      {audit.isPending && <p role="status">{t('common.loading')}</p>}
      <ErrorMessage error={audit.error} />
      {audit.data && audit.data.entries.length === 0 && <p>{t('audit.empty')}</p>}
      {audit.data && audit.data.entries.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((entry, i) => (
                <tr key={entry.seq ?? `pending-${i}`}>
                  <td>{entry.seq ?? '—'}</td>
                  <td>{new Date(entry.at).toLocaleString(i18n.language)}</td>
                  <td>
                    <code>{entry.actorId?.slice(0, 8) ?? '—'}</code>
                  </td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.entityType}
                    {entry.entityId ? ` ${entry.entityId.slice(0, 8)}` : ''}
                  </td>
                  <td>{entry.fields.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
