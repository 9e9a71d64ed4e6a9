/** On an incoming referral that shares `documents`: the copies received, each download audited on her side. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { AttachmentList } from '../../../server/api-types';

export function ReferralAttachments({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['referral', referralId, 'attachments'],
    queryFn: () => api<AttachmentList>(`/api/referrals/${referralId}/attachments`),
  });
  return (
    <section aria-labelledby="referral-documents">
      <h3 id="referral-documents">{t('attachmentsUi.received')}</h3>
      <ErrorMessage error={list.error} />
      {list.data?.attachments.length === 0 && <p className="muted">{t('attachmentsUi.none')}</p>}
      <ul className="entries" data-testid="referral-attachments">
        {list.data?.attachments.map((a) => (
          <li key={a.id} style={{ overflowWrap: 'anywhere' }}>
            <a href={`/api/referrals/${referralId}/attachments/${a.id}`} download={a.fileName}>
              {a.fileName}
            </a>{' '}
            · {t(`attachmentsUi.categories.${a.category}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
