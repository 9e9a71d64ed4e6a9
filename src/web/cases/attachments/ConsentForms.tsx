/** On the Consent tab: the signed consent forms attached to the consent records of one purpose (and partner). */
import { useTranslation } from 'react-i18next';
import { useEntries } from '../../api/cases';
import { downloadUrl, useAttachments } from './api';

export function ConsentForms({
  caseId,
  purpose,
  partnerOrganisationId,
}: {
  caseId: string;
  purpose: string;
  partnerOrganisationId?: string | null;
}) {
  const { t } = useTranslation();
  const attachments = useAttachments(caseId);
  const consents = useEntries(caseId, 'consent');
  const ids = new Set(
    (consents.data?.entries ?? [])
      .filter(
        (e) => e.data.purpose === purpose && (e.data.partnerOrganisationId ?? null) === (partnerOrganisationId ?? null),
      )
      .map((e) => e.id),
  );
  const forms = (attachments.data?.attachments ?? []).filter((a) => a.consentEntryId && ids.has(a.consentEntryId));
  if (forms.length === 0) return null;
  return (
    <span className="consent-forms">
      {' '}
      · {t('attachmentsUi.signedForm')}:{' '}
      {forms.map((a, i) => (
        <span key={a.id}>
          {i > 0 && ', '}
          <a href={downloadUrl(caseId, a.id)} download={a.fileName}>
            {a.fileName}
          </a>
        </span>
      ))}
    </span>
  );
}
