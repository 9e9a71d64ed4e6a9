/** The current user's notifications: referrals arriving while on duty, partners' answers to referrals she sent, and her cases' deadline reminders. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useLabel } from '../api/cases';
import { ErrorMessage } from './ErrorMessage';
import type { NotificationList, NotificationView } from '../../server/api-types';
import { formatDateTime } from '../i18n/dates';

/** Inferred from the server's presenter schema, not written again here. */
export type { NotificationView };

export function useNotifications() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => api<NotificationList>('/api/notifications'),
    refetchInterval: 60_000,
  });
}

export function NotificationsCard() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const client = useQueryClient();
  const list = useNotifications();
  const read = useMutation({
    mutationFn: (id: string) => api(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = list.data?.notifications ?? [];
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('notifications.title', { count: list.data?.unread ?? 0 })}</h2>
      <ErrorMessage error={list.error ?? read.error} />
      {list.data && items.length === 0 && <p className="muted">{t('notifications.none')}</p>}
      <ul className="entries">
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'muted' : undefined}>
            {!n.read && <strong>{t('notifications.new')} · </strong>}
            {t(`notifications.kinds.${n.kind}`, {
              partner: n.partner,
              service: label('services', n.requestedService),
              deadline: n.detail ? t(`caseUi.agendaKinds.${n.detail}`) : '',
              date: n.dueDate ?? '',
              reference: n.caseReference ?? '',
            })}{' '}
            <small>({formatDateTime(n.createdAt)})</small>{' '}
            {n.referralId && (
              <Link
                to={`/referrals/${n.referralId}`}
                onClick={() => {
                  if (!n.read) read.mutate(n.id);
                }}
              >
                {t('notifications.open')}
              </Link>
            )}
            {n.caseId && (
              <Link
                to={`/cases/${n.caseId}`}
                onClick={() => {
                  if (!n.read) read.mutate(n.id);
                }}
              >
                {t('notifications.openCase')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {(list.data?.unread ?? 0) > 0 && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => read.mutate('all')}>
            {t('notifications.markAllRead')}
          </button>
        </div>
      )}
    </section>
  );
}
