/** One case: header with her chosen term, tabs for each part of the record. */
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useParams } from 'react-router-dom';
import { useCase, useLabel } from '../api/cases';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConsentTab } from './tabs/ConsentTab';
import { IdentificationTab } from './tabs/IdentificationTab';
import { LegalTab, PlacementsTab, ServicesTab } from './tabs/RecordTabs';
import { OutcomesTab } from './tabs/OutcomesTab';
import { OverviewTab } from './tabs/OverviewTab';
import { PlanTab } from './tabs/PlanTab';
import { ReferralsTab } from './tabs/ReferralsTab';
import { TimelineTab } from './tabs/TimelineTab';
import { AuditTab } from './tabs/AuditTab';

const TABS = ['overview', 'identification', 'consent', 'plan', 'services', 'accommodation', 'legal', 'referrals', 'outcomes', 'timeline', 'audit'] as const;

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const label = useLabel();
  const detail = useCase(id);
  if (detail.isPending) return <p role="status">{t('common.loading')}</p>;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  const c = detail.data;
  const name = [c.person.givenName, c.person.familyName].filter(Boolean).join(' ');
  const term = c.person.chosenTerm && c.person.chosenTerm !== 'none' ? ` · ${label('chosen_terms', c.person.chosenTerm)}` : '';
  return (
    <section>
      <h1>{name}{term}</h1>
      <p className="case-meta">
        <span>{c.reference}</span> · <span>{t('caseUi.status')}: <strong data-testid="case-status">{t(`caseUi.statuses.${c.status}`)}</strong></span> · <span>{t('caseUi.owner')}: {c.owner.displayName}</span>
        {c.person.isMinor && <> · <strong>{t('caseUi.minor')}</strong></>}
      </p>
      {c.status === 'closed' && <p className="alert alert-info">{t('caseUi.closedReadOnly')}</p>}
      <nav aria-label={t('caseUi.sections')} className="tabs">
        <ul>{TABS.filter((tab) => tab !== 'audit' || c.permissions.readAudit).map((tab) => <li key={tab}><NavLink to={tab === 'overview' ? `/cases/${id}` : `/cases/${id}/${tab}`} end>{t(`caseUi.tabs.${tab}`)}</NavLink></li>)}</ul>
      </nav>
      <Routes>
        <Route index element={<OverviewTab c={c} />} />
        <Route path="identification" element={<IdentificationTab c={c} />} />
        <Route path="consent" element={<ConsentTab c={c} />} />
        <Route path="plan" element={<PlanTab c={c} />} />
        <Route path="services" element={<ServicesTab c={c} />} />
        <Route path="accommodation" element={<PlacementsTab c={c} />} />
        <Route path="legal" element={<LegalTab c={c} />} />
        <Route path="referrals" element={<ReferralsTab c={c} />} />
        <Route path="outcomes" element={<OutcomesTab c={c} />} />
        <Route path="timeline" element={<TimelineTab c={c} />} />
        {c.permissions.readAudit && <Route path="audit" element={<AuditTab c={c} />} />}
      </Routes>
    </section>
  );
}
