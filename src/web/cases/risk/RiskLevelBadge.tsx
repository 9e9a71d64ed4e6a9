/** The current risk level as a badge: the case header and the case list. */
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../api/cases';

export function RiskLevelBadge({ level, testId }: { level: string | null; testId?: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <span className={`risk-badge risk-${level ?? 'none'}`} data-testid={testId}>
      {level ? label('risk_levels', level) : t('riskUi.notAssessed')}
    </span>
  );
}
