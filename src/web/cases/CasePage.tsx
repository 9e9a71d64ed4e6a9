/** One case: header with her chosen term, tabs for each part of the record. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { useCase, useLabel, type CaseDetail } from '../api/cases';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConsentTab } from './tabs/ConsentTab';
import { NotesTab } from './notes/NotesTab';
import { AttachmentsTab } from './attachments/AttachmentsTab';
import { IdentificationTab } from './tabs/IdentificationTab';
import { LegalTab, PlacementsTab, ServicesTab } from './tabs/RecordTabs';
import { OutcomesTab } from './tabs/OutcomesTab';
import { OverviewTab } from './tabs/OverviewTab';
import { PlanTab } from './tabs/PlanTab';
import { ReferralsTab } from './tabs/ReferralsTab';
import { TimelineTab } from './tabs/TimelineTab';
import { AuditTab } from './tabs/AuditTab';
import { ChildProtectionNotice } from './minors/ChildProtectionNotice';
import { MinorsTab } from './minors/MinorsTab';
import { RiskLevelBadge } from './risk/RiskLevelBadge';
import { RiskTab } from './risk/RiskTab';
import { PrintCaseFile } from './PrintCaseFile';
import { FormsTab } from './forms/FormsTab';
import { OfflineToggle } from '../offline/OfflineToggle';
import { WorkTab } from '../labour/WorkTab';
import { CaseContactsTab } from '../contacts/ContactsPage';

const TABS = [
  'overview',
  'risk',
  'identification',
  'minors',
  'consent',
  'notes',
  'attachments',
  'forms',
  'plan',
  'services',
  'accommodation',
  'legal',
  'work',
  'contacts',
  'referrals',
  'outcomes',
  'timeline',
  'audit',
] as const;

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const label = useLabel();
  const detail = useCase(id);
  if (detail.isPending) return <p role="status">{t('common.loading')}</p>;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  const c = detail.data;
  const name = [c.person.givenName, c.person.familyName].filter(Boolean).join(' ');
  const term =
    c.person.chosenTerm && c.person.chosenTerm !== 'none' ? ` · ${label('chosen_terms', c.person.chosenTerm)}` : '';
  return (
    <section>
      <h1>
        {name}
        {term}
      </h1>
      <p className="case-meta">
        <span>{c.reference}</span> ·{' '}
        <span>
          {t('caseUi.status')}: <strong data-testid="case-status">{t(`caseUi.statuses.${c.status}`)}</strong>
        </span>{' '}
        ·{' '}
        <span>
          {t('caseUi.owner')}: {c.owner.displayName}
        </span>
        {c.person.isMinor && (
          <>
            {' '}
            · <strong>{t('caseUi.minor')}</strong>
          </>
        )}{' '}
        ·{' '}
        <span>
          {t('riskUi.headerLabel')}: <RiskLevelBadge level={c.risk.currentLevel} testId="case-risk" />
        </span>
      </p>
      <ChildProtectionNotice c={c} />
      <PrintCaseFile c={c} />
      <OfflineToggle c={c} />
      {c.status === 'closed' && <p className="alert alert-info">{t('caseUi.closedReadOnly')}</p>}
      {c.status === 'closed' && <NewCaseForHer c={c} name={name} />}
      <nav aria-label={t('caseUi.sections')} className="tabs">
        <ul>
          {TABS.filter((tab) => tab !== 'audit' || c.permissions.readAudit).map((tab) => (
            <li key={tab}>
              <NavLink to={tab === 'overview' ? `/cases/${id}` : `/cases/${id}/${tab}`} end>
                {t(
                  tab === 'risk'
                    ? 'riskUi.tab'
                    : tab === 'minors'
                      ? 'minorsUi.tab'
                      : tab === 'notes' || tab === 'attachments'
                        ? `${tab}Ui.tab`
                        : tab === 'forms'
                          ? 'customFormsUi.tab'
                          : tab === 'contacts'
                            ? 'contactsUi.tab'
                            : tab === 'work'
                              ? 'labourUi.tab'
                              : `caseUi.tabs.${tab}`,
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<OverviewTab c={c} />} />
        <Route path="risk" element={<RiskTab c={c} />} />
        <Route path="identification" element={<IdentificationTab c={c} />} />
        <Route path="minors" element={<MinorsTab c={c} />} />
        <Route path="consent" element={<ConsentTab c={c} />} />
        <Route path="notes" element={<NotesTab c={c} />} />
        <Route path="attachments" element={<AttachmentsTab c={c} />} />
        <Route path="forms" element={<FormsTab c={c} />} />
        <Route path="plan" element={<PlanTab c={c} />} />
        <Route path="services" element={<ServicesTab c={c} />} />
        <Route path="accommodation" element={<PlacementsTab c={c} />} />
        <Route path="legal" element={<LegalTab c={c} />} />
        <Route path="work" element={<WorkTab c={c} />} />
        <Route path="contacts" element={<CaseContactsTab caseId={c.id} />} />
        <Route path="referrals" element={<ReferralsTab c={c} />} />
        <Route path="outcomes" element={<OutcomesTab c={c} />} />
        <Route path="timeline" element={<TimelineTab c={c} />} />
        {c.permissions.readAudit && <Route path="audit" element={<AuditTab c={c} />} />}
      </Routes>
    </section>
  );
}

/**
 * Her case is closed and she comes back: a new case for the same person (her identity is kept),
 * after a confirmation. If another case of hers is still open, that one is offered instead.
 */
function NewCaseForHer({ c, name }: { c: CaseDetail; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const open = c.otherCases.find((o) => o.status !== 'closed');
  if (open)
    return (
      <p className="alert alert-info">
        {t('caseUi.hasOpenCase')}{' '}
        <Link to={`/cases/${open.id}`}>{t('caseUi.goToCase', { reference: open.reference })}</Link>
      </p>
    );
  if (!c.permissions.openNewCase) return null;
  if (!confirming)
    return (
      <div className="actions">
        <button type="button" onClick={() => setConfirming(true)}>
          {t('caseUi.openNewCase')}
        </button>
      </div>
    );
  return (
    <div className="card" role="group" aria-labelledby="new-case-confirm">
      <p id="new-case-confirm">{t('caseUi.confirmNewCase', { name })}</p>
      <div className="actions">
        <button type="button" ref={confirmRef} onClick={() => navigate(`/cases/new?from=${c.id}`)}>
          {t('caseUi.confirmNewCaseYes')}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(false)}>
          {t('caseUi.cancel')}
        </button>
      </div>
    </div>
  );
}
