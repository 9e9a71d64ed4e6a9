/**
 * For a minor, until a child-protection referral is recorded: what her case's country requires
 * (the organisation's `child_protection_requirements` list) and where to record or send it.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLabel, type CaseDetail } from '../../api/cases';

export function ChildProtectionNotice({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  if (!c.childProtection.prompt) return null;
  return (
    <div
      className="alert alert-info"
      role="note"
      aria-labelledby="child-protection-notice"
      data-testid="child-protection-notice"
    >
      <p id="child-protection-notice">
        <strong>{t('minorsUi.notice.title')}</strong>{' '}
        {c.childProtection.requirement
          ? label('child_protection_requirements', c.childProtection.requirement)
          : t('minorsUi.notice.noRule')}
      </p>
      <p>
        <Link to={`/cases/${c.id}/minors#child-protection-referral-title`}>{t('minorsUi.notice.record')}</Link> ·{' '}
        <Link to={`/cases/${c.id}/referrals`}>{t('minorsUi.notice.refer')}</Link>
      </p>
    </div>
  );
}
