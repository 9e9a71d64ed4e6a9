/**
 * The API's response shapes for the web, inferred from the presenters' and routes' Zod schemas: one
 * definition, the schema that validates and documents the response. The web takes them with
 * `import type` (erased at build time), so nothing of the server reaches the browser bundle.
 *
 * @example
 * import type { CaseDetail } from '../../server/api-types';
 */
import type { z } from 'zod';
import type { AuditEntryViewSchema } from './presenters/audit';
import type {
  CatalogueProfileSchema,
  CatalogueRoleSchema,
  CatalogueViewSchema,
  StaffRolesSchema,
} from './presenters/catalogue';
import type { CaseDetailSchema, CaseSummarySchema, EntrySchema } from './presenters/case';
import type { EntryHistorySchema, OwnerCandidateSchema } from './presenters/corrections';
import type { PossibleMatchSchema } from './presenters/possible-match';
import type { LinkageJobSchema, LinkageReviewSchema, LinkageStatusSchema } from './presenters/linkage';
import type { NotificationListSchema, NotificationSchema } from './presenters/notification';
import type { ReferralRowSchema, ReferralSnapshotSchema, ReferralViewSchema } from './presenters/referral';
import type { SessionViewSchema } from './presenters/session';
import type { UserViewSchema } from './presenters/user';
import type { InvitationsResponse, TotpSetupResponse } from './routes/auth/schema';
import type { EstimateView, FloorsSchema, MseResultSchema, ReportSchema } from './routes/statistics/routes';
import type { NetworkView as NetworkViewSchema } from './routes/networks/routes';
import type { AgendaItemSchema, AgendaPageSchema, DashboardSchema } from './presenters/dashboard';
import type { HtcdsExportSchema } from './presenters/htcds';
import type { QuestionnaireViewSchema } from './presenters/network';
import type { PrivateReportSchema } from './presenters/private-release';
import type { ReferenceItemViewSchema, ReferenceListViewSchema } from './presenters/reference';
import type { AttachmentsResponse } from './routes/attachments/routes';
import type { NetworkRolesResponse, StaffRolesResponse } from './routes/catalogue/routes';
import type { OwnerCandidatesResponse, VoidedEntriesResponse } from './routes/cases/corrections';
import type { ReferenceListsResponse, StaffDirectoryResponse } from './routes/cases/reference';
import type { ReferenceListResponse, ReferenceProposalsResponse } from './routes/reference-lists/routes';
import type {
  CaseListResponse,
  EntriesResponse,
  OutcomeModelResponse,
  PossibleDuplicatesResponse,
  ProposalsResponse,
  TimelineResponse,
} from './routes/cases/routes';
import type { PossibleMatchesResponse } from './routes/cases/search';
import type { LinkageReviewsResponse } from './routes/linkage/routes';
import type { NetworkCandidatesResponse, NetworksResponse, ProposedNetworkResponse } from './routes/networks/routes';
import type { DirectoryResponse, NetworkPartnersResponse, ReferralRowsResponse } from './routes/referrals/routes';
import type { CaptureHistoriesResponse, EstimatesResponse, MseResponse } from './routes/statistics/routes';
import type { MseJobSchema, MseStrataSchema } from './presenters/mse-jobs';
import type { UsersResponse } from './routes/users/routes';

export type SessionView = z.infer<typeof SessionViewSchema>;
export type UserView = z.infer<typeof UserViewSchema>;
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;
export type Invitations = z.infer<typeof InvitationsResponse>;
export type Invitation = Invitations['invitations'][number];
export type TotpSetup = z.infer<typeof TotpSetupResponse>;

export type ReferenceItemView = z.infer<typeof ReferenceItemViewSchema>;
export type ReferenceListView = z.infer<typeof ReferenceListViewSchema>;

export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type PossibleMatch = z.infer<typeof PossibleMatchSchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type DerivationStep = NonNullable<CaseDetail['identification']>['derivation']['steps'][number];
/** A record of a case, one variant per kind (its data as that kind's schema names it). */
export type CaseEntry = z.infer<typeof EntrySchema>;
/** A record's history: every version, who recorded it, why it changed (secret values never shown). */
export type EntryHistory = z.infer<typeof EntryHistorySchema>;
export type OwnerCandidate = z.infer<typeof OwnerCandidateSchema>;

export type ReferralView = z.infer<typeof ReferralViewSchema>;
export type ReferralSnapshot = z.infer<typeof ReferralSnapshotSchema>;
export type ReferralRow = z.infer<typeof ReferralRowSchema>;

export type NotificationView = z.infer<typeof NotificationSchema>;
export type NotificationList = z.infer<typeof NotificationListSchema>;

export type LinkageJob = z.infer<typeof LinkageJobSchema>;
export type LinkageStatus = z.infer<typeof LinkageStatusSchema>;
export type LinkageReview = z.infer<typeof LinkageReviewSchema>;

export type Catalogue = z.infer<typeof CatalogueViewSchema>;
export type CatalogueProfile = z.infer<typeof CatalogueProfileSchema>;
export type CatalogueRole = z.infer<typeof CatalogueRoleSchema>;
export type StaffRoles = z.infer<typeof StaffRolesSchema>;

export type DisclosureFloors = z.infer<typeof FloorsSchema>;
/** A published statistics report: counts of persons, suppressed cells named as such. */
export type PublishedReport = z.infer<typeof ReportSchema>;
/** A differentially private release's report: noisy counts, no suppression threshold. */
export type PrivateReport = z.infer<typeof PrivateReportSchema>;
/** A cell of a published report: a count, or the reason it is withheld. */
export type ReportCount = PublishedReport['table']['grandTotal'];
export type Estimate = z.infer<typeof EstimateView>;
export type Citation = Estimate['originalSource'];
export type MseResult = z.infer<typeof MseResultSchema>;

export type NetworkView = z.infer<typeof NetworkViewSchema>;
export type QuestionnaireView = z.infer<typeof QuestionnaireViewSchema>;
export type HtcdsExport = z.infer<typeof HtcdsExportSchema>;
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export type AgendaPage = z.infer<typeof AgendaPageSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;

// Whole responses of list and action routes: the web takes these, never a restated field.
export type UserList = z.infer<typeof UsersResponse>;
export type StaffDirectory = z.infer<typeof StaffDirectoryResponse>;
export type ReferenceLists = z.infer<typeof ReferenceListsResponse>;
export type ReferenceListChange = z.infer<typeof ReferenceListResponse>;
export type ReferenceProposals = z.infer<typeof ReferenceProposalsResponse>;
export type CaseList = z.infer<typeof CaseListResponse>;
export type CaseEntries = z.infer<typeof EntriesResponse>;
export type CaseTimeline = z.infer<typeof TimelineResponse>;
export type PossibleDuplicates = z.infer<typeof PossibleDuplicatesResponse>;
export type PossibleMatches = z.infer<typeof PossibleMatchesResponse>;
export type ScoreProposals = z.infer<typeof ProposalsResponse>;
export type OutcomeModelView = z.infer<typeof OutcomeModelResponse>;
export type VoidedEntries = z.infer<typeof VoidedEntriesResponse>;
export type OwnerCandidates = z.infer<typeof OwnerCandidatesResponse>;
export type AttachmentList = z.infer<typeof AttachmentsResponse>;
export type NetworkPartners = z.infer<typeof NetworkPartnersResponse>;
export type ReferralRows = z.infer<typeof ReferralRowsResponse>;
export type DirectorySearch = z.infer<typeof DirectoryResponse>;
export type NetworkList = z.infer<typeof NetworksResponse>;
export type ProposedNetwork = z.infer<typeof ProposedNetworkResponse>;
export type NetworkCandidates = z.infer<typeof NetworkCandidatesResponse>;
export type LinkageReviews = z.infer<typeof LinkageReviewsResponse>;
export type EstimateList = z.infer<typeof EstimatesResponse>;
export type CaptureHistories = z.infer<typeof CaptureHistoriesResponse>;
export type MseOutcome = z.infer<typeof MseResponse>;
/** An MSE fit run as a job (POST/GET /api/mse/jobs), and a stratified estimate as published. */
export type MseJob = z.infer<typeof MseJobSchema>;
export type MseStrata = z.infer<typeof MseStrataSchema>;
export type StaffRolesList = z.infer<typeof StaffRolesResponse>;
export type NetworkRoles = z.infer<typeof NetworkRolesResponse>;
// Legal tracks (issue #17).
export type LegalTrackView = z.infer<typeof import('./presenters/legal-track').LegalTrackViewSchema>;
export type LegalTrackList = z.infer<typeof import('./routes/legal-tracks/routes').LegalTracksResponse>;
export type LegalTrackInput = import('../domain/legal-tracks/inputs').LegalTrackInput;
// Custom forms (issue #17).
export type CustomForm = z.infer<typeof import('./presenters/custom-form').CustomFormSchema>;
export type CustomFormList = z.infer<typeof import('./routes/forms/routes').CustomFormsResponse>;
export type CustomFormAnswer = z.infer<typeof import('./routes/forms/routes').CustomFormResponse>;
export type CustomFormVersionAnswer = z.infer<typeof import('./routes/forms/routes').CustomFormVersionResponse>;
export type CustomFormDefinition = z.infer<typeof import('./presenters/custom-form').FormDefinitionOutSchema>;
export type XlsFormImport = z.infer<typeof import('./presenters/xlsform').XlsFormImportSchema>;
/** Custom values as a response carries them (a list of { name, value }). */
export type CustomValuesView = z.infer<typeof import('./presenters/case').CustomValuesOutSchema>;
/** Custom values as a request sends them (keyed by field name). */
export type CustomValuesInput = z.input<typeof import('../domain/forms/record').CustomValuesSchema>;
export type ContactRecorded = z.infer<typeof import('./presenters/contact').ContactRecordedSchema>;
export type CaseContacts = z.infer<typeof import('./routes/contacts/routes').CaseContactsResponse>;
export type Employers = z.infer<typeof import('./routes/employers/routes').EmployersResponse>;
export type SyncPushAnswer = z.infer<typeof import('../domain/sync/protocol').SyncPushResponse>;
