/** Kysely table types: the one place that mirrors the SQL migrations in TypeScript. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  country: string | null;
  created_at: GeneratedTimestamp;
  disclosure_threshold_floor: Generated<number>;
  /** Offline devices (migration 044): minutes of inactivity before the store locks, days without sync before it is wiped. */
  sync_lock_after_minutes: Generated<number>;
  sync_wipe_after_days: Generated<number>;
}

export interface OrganisationKeysTable {
  organisation_id: string;
  purpose: 'data' | 'index';
  version: number;
  wrapped_key: string;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  last_login_at: Timestamp | null;
  /** The last accepted TOTP time step (30 s units since the epoch): a code is accepted once. */
  totp_last_step: number | null;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
  /** Her language (migration 038); null: the request's Accept-Language decides. */
  preferred_locale: string | null;
}

export interface LoginFailuresUnknownTable {
  day: ColumnType<string, string, string>;
  attempts: number;
}

export interface MembershipInvitationsTable {
  organisation_id: string;
  user_id: string;
  roles: string[];
  invited_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface MembershipsTable {
  organisation_id: string;
  user_id: string;
  roles: string[];
  created_at: GeneratedTimestamp;
  on_duty: Generated<boolean>;
  /** Her access to this organisation (migration 029); the account's own state is users.active. */
  active: Generated<boolean>;
}

export interface NotificationsTable {
  organisation_id: string;
  id: string;
  user_id: string;
  kind: string;
  referral_id: string | null;
  created_at: GeneratedTimestamp;
  read_at: Date | null;
  /** Deadline reminders (migration 030): the case, the agenda kind and the due date. */
  case_id: string | null;
  due_date: string | null;
  detail: string | null;
  /** An incoming hotline hand-off (migration 043). */
  handoff_id: Generated<string | null>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  organisation_id: string;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  /** Insertion order; the sealer takes pending rows in this order. */
  id: Generated<number>;
  organisation_id: string;
  /** Leaf index + 1, assigned by the sealer; null while pending. */
  seq: number | null;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  fields: string[];
  /** The pre-024 hash chain of old rows; null on rows appended since. */
  prev_hash: string | null;
  hash: string | null;
  /** Hex RFC 9162 leaf hash, set with seq when sealed. */
  leaf_hash: string | null;
}

export interface AuditCheckpointsTable {
  organisation_id: string;
  tree_size: number;
  root_hash: string;
  signature: string;
  frontier: string[];
  created_at: GeneratedTimestamp;
}

/** The audit checkpoint signing seed, wrapped by the master key (migration 028). */
export interface AuditSigningKeysTable {
  version: number;
  wrapped_seed: string;
  public_key: string;
  origin: 'derived' | 'generated';
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: GeneratedTimestamp;
}

/** Data moves run by the application after a migration, with the rule they applied (migration 021). */
export interface BackfillsTable {
  name: string;
  fingerprint: string;
  completed_at: GeneratedTimestamp;
}

/** One create request per user and Idempotency-Key (migration 036); the response encrypted. */
export interface IdempotencyKeysTable {
  organisation_id: string;
  user_id: string;
  key: string;
  method: string;
  route: string;
  request_hash: string;
  state: Generated<'in_progress' | 'completed'>;
  status_code: number | null;
  response_enc: string | null;
  created_at: GeneratedTimestamp;
  completed_at: Date | null;
}

/** The contact log before cases (migration 042): one row per contact; a chain links one anonymous person's contacts. */
export interface ContactsTable {
  id: string;
  organisation_id: string;
  occurred_at: Timestamp;
  kind: string;
  place_level: string;
  place: string;
  language: string | null;
  interpreter_used: boolean;
  needs: string[];
  provided: string[];
  nickname_enc: string | null;
  nickname_index: string | null;
  note_enc: string | null;
  chain_id: string;
  case_id: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
  voided_at: Timestamp | null;
  void_reason_enc: string | null;
}

/**
 * A warm hand-off of a contact to a local post of a network (migration 043): readable by the two
 * organisations it names; her nickname and note (identity_enc) only with her agreement, under the receiver's key.
 */
export interface ContactHandoffsTable {
  id: string;
  network_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  contact_id: string;
  occurred_at: Timestamp;
  kind: string;
  place_level: string;
  place: string;
  language: string | null;
  interpreter_used: boolean;
  needs: string[];
  provided: string[];
  identity_shared: boolean;
  identity_enc: string | null;
  identity_withdrawn_at: Timestamp | null;
  status: Generated<'pending' | 'accepted' | 'declined'>;
  answered_at: Timestamp | null;
  answered_by: string | null;
  decline_reason: string | null;
  to_contact_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}

/** An organisation's legal track of one country, one row per version (migration 040). */
export interface LegalTracksTable {
  organisation_id: string;
  country: string;
  version: number;
  definition: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

/** The employer directory (migration 045): company data only, never a person placed. */
export interface EmployersTable {
  organisation_id: string;
  id: string;
  name: string;
  sector: string;
  territory_level: 'municipality' | 'nuts3' | 'nuts2' | 'national';
  territory: string;
  contact_person: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  notes_enc: string | null;
  shared_with_networks: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  retired_at: Timestamp | null;
}

export interface EmployerTutorsTable {
  organisation_id: string;
  id: string;
  employer_id: string;
  name: string;
  role: string | null;
  contact: string | null;
  created_at: GeneratedTimestamp;
  retired_at: Timestamp | null;
}

export interface EmployerAgreementsTable {
  organisation_id: string;
  id: string;
  employer_id: string;
  kind: 'internship_agreement' | 'placement_agreement' | 'framework';
  signed_on: ColumnType<string, string, string>;
  valid_until: ColumnType<string | null, string | null | undefined, string | null>;
  reference: string | null;
  created_at: GeneratedTimestamp;
}

/** How long an internship may last per country (migration 045); no row: 1–6 months. */
export interface InternshipRulesTable {
  organisation_id: string;
  country: string;
  min_months: number;
  max_months: number;
  updated_at: GeneratedTimestamp;
}

export interface ReferenceItemsTable {
  organisation_id: string;
  list_key: string;
  code: string;
  labels: ColumnType<Record<string, string>, string, string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  meta: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** One version per reference list, raised by every administrator's change (migration 039). */
export interface ReferenceListsTable {
  organisation_id: string;
  list_key: string;
  version: Generated<number>;
}

/** Seed items a release added to a list the organisation already has, to accept or dismiss (migration 039). */
export interface ReferenceItemProposalsTable {
  organisation_id: string;
  list_key: string;
  code: string;
  labels: ColumnType<Record<string, string>, string, string>;
  sort_order: Generated<number>;
  meta: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<'open' | 'accepted' | 'dismissed'>;
  proposed_at: Generated<Date>;
  decided_at: Date | null;
  decided_by: string | null;
}

/** Keyed HMACs of a person's name terms, for partial and phonetic search (migration 034). */
export interface PersonNameTokensTable {
  organisation_id: string;
  person_id: string;
  token: string;
}

export interface PersonsTable {
  id: string;
  organisation_id: string;
  identity_enc: string;
  name_bidx: string | null;
  dob_bidx: string | null;
  sex: Generated<string>;
  chosen_term: string | null;
  pronouns: string | null;
  preferred_language: string | null;
  is_minor: boolean | null;
  /** Opaque identity carried across referrals and transfers (migration 016). */
  network_person_id: Generated<string>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CasesTable {
  id: string;
  organisation_id: string;
  person_id: string;
  reference: string;
  status: string;
  paused_from: string | null;
  owner_user_id: string;
  programme_type: string | null;
  country: string | null;
  cooperation: Generated<string>;
  opened_at: GeneratedTimestamp;
  closed_at: Timestamp | null;
  closure_reason: string | null;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
  /** The level of the latest current risk assessment, kept by a trigger (migration 035). */
  current_risk_level: Generated<string | null>;
}

export interface CaseIntakesTable {
  organisation_id: string;
  case_id: string;
  channel: string;
  contact_date: ColumnType<string, string, string>;
  /** Clear only in rows written before migration 021, until the start-up backfill encrypts them. */
  municipality: string | null;
  /** The intake municipality, encrypted under the organisation's data key (migration 021). */
  municipality_enc: string | null;
  language: string | null;
  mediator_used: boolean;
  immediate_needs: string[];
  /** Optimistic locking of intake edits (migration 031). */
  version: Generated<number>;
}

export interface CaseEntriesTable {
  organisation_id: string;
  id: string;
  version: number;
  case_id: string;
  kind: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  secret_enc: string | null;
  current: Generated<boolean>;
  recorded_at: GeneratedTimestamp;
  recorded_by: string | null;
  /** The reason for a correction or a void, encrypted (migration 031). */
  reason_enc: string | null;
  /** The version that voided the record; never current (migration 031). */
  voided: Generated<boolean>;
}

/** Attachments of a case (migration 032): metadata here, the encrypted bytes in case_attachment_blobs. */
export interface CaseAttachmentsTable {
  organisation_id: string;
  id: string;
  case_id: string | null;
  referral_id: string | null;
  category: string;
  file_name_enc: string;
  content_type: string;
  size_bytes: number;
  consent_entry_id: string | null;
  uploaded_by: string | null;
  uploaded_at: GeneratedTimestamp;
  voided_at: Timestamp | null;
  voided_by: string | null;
  void_reason_enc: string | null;
}

export interface CaseAttachmentBlobsTable {
  organisation_id: string;
  attachment_id: string;
  content: Buffer;
}

export interface CaseEventsTable {
  organisation_id: string;
  id: string;
  case_id: string;
  at: GeneratedTimestamp;
  actor_user_id: string | null;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Free text of the event (an owner hand-over's reason), encrypted (migration 021). */
  secret_enc: string | null;
}

export interface CaseReferenceCountersTable {
  organisation_id: string;
  year: number;
  last_value: Generated<number>;
}

export interface EstimatesTable {
  organisation_id: string;
  id: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface LinkageSecretsTable {
  organisation_id: string;
  secret_enc: string;
  schema_version: string;
  updated_at: GeneratedTimestamp;
}

export interface LinkageEncodingsTable {
  organisation_id: string;
  person_id: string;
  schema_version: string;
  encoding: ColumnType<Record<string, unknown>, string, string>;
  encoded_at: GeneratedTimestamp;
  /** The run that last compared it; null while new or changed since. */
  linked_run_id: string | null;
  encoding_hash: string | null;
}

export interface LinkageRecordKeysTable {
  organisation_id: string;
  person_id: string;
  /** Written as a bigint[] literal; read back as the driver gives it (not read through Kysely). */
  block_keys: ColumnType<unknown, string, string>;
}

export interface LinkageMatchesTable {
  organisation_id: string;
  person_id: string;
  cluster_id: string;
  partner_organisation_ids: string[];
  run_id: string;
}

export interface LinkageReviewsTable {
  id: string;
  a_organisation_id: string;
  a_person_id: string;
  b_organisation_id: string;
  b_person_id: string;
  score: number;
  a_attributes: ColumnType<Record<string, string | number | boolean>, string | undefined, string>;
  b_attributes: ColumnType<Record<string, string | number | boolean>, string | undefined, string>;
  /** Estimated match probability (estimated method), else null. */
  probability: number | null;
  /** Per field: the comparison level reached and its weight, never a value (JSON). */
  evidence: ColumnType<{ field: string; level: string; weight: number }[], string | undefined, string>;
  status: Generated<'pending' | 'match' | 'non_match'>;
  decided_by: string | null;
  decided_by_organisation_id: string | null;
  decided_at: Date | null;
  run_id: string;
  created_at: Generated<Date>;
  version: Generated<number>;
}

/** The latest run's links and their estimated match probabilities (system only; for the MSE's linkage error). */
export interface LinkageLinksTable {
  run_id: string;
  a_organisation_id: string;
  a_person_id: string;
  b_organisation_id: string;
  b_person_id: string;
  probability: number | null;
}

export interface LinkageRunsTable {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  schema_version: string;
  stats: ColumnType<Record<string, unknown>, string, string>;
  capture_histories: ColumnType<Record<string, unknown>, string, string>;
  mode: Generated<'full' | 'incremental'>;
  fingerprint: string | null;
  frozen_model: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface JobProgressTable {
  id: string;
  kind: string;
  organisation_id: string | null;
  state: 'running' | 'succeeded' | 'failed';
  phase: string;
  done: Generated<number>;
  total: Generated<number>;
  attempt: Generated<number>;
  started_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
  summary: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  error_code: string | null;
  updated_at: GeneratedTimestamp;
}

export interface NetworksTable {
  id: string;
  name: string;
  formal: boolean;
  level: string;
  structure: string;
  multi_agency: Generated<boolean>;
  agreement_from: string | null;
  agreement_to: string | null;
  created_at: GeneratedTimestamp;
  objectives: string | null;
  composition: Generated<string[]>;
  agreement_title: string | null;
  agreement_document: string | null;
  proposed_by_organisation_id: string | null;
  privacy_budget: ColumnType<string, string | number | undefined, string | number>;
  disclosure_threshold_floor: Generated<number>;
}

export interface NetworkMembershipsTable {
  network_id: string;
  organisation_id: string;
  lead: Generated<boolean>;
  status: Generated<'invited' | 'active' | 'declined'>;
  joined_at: Date | null;
  answered_at: Date | null;
}

export interface QuestionnaireResponsesTable {
  organisation_id: string;
  id: string;
  answers: ColumnType<Record<string, unknown>, string, string>;
  submitted_by: string | null;
  submitted_at: GeneratedTimestamp;
  version: number;
}

export interface CatalogueProfilesTable {
  organisation_id: string;
  code: string;
  taxonomy_code: string;
  labels: ColumnType<Record<string, string>, string, string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface CatalogueRolesTable {
  organisation_id: string;
  code: string;
  taxonomy_code: string;
  labels: ColumnType<Record<string, string>, string, string>;
  card: ColumnType<Record<string, Record<string, string>>, string | undefined, string>;
  profile_codes: Generated<string[]>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  updated_at: GeneratedTimestamp;
}

export interface StaffRolesTable {
  organisation_id: string;
  user_id: string;
  role_code: string;
}
export interface StaffProfilesTable {
  organisation_id: string;
  user_id: string;
  profile_code: string;
}

export interface PrivacyReleasesTable {
  network_id: string;
  release_key: string;
  organisation_id: string;
  requested_by: string | null;
  epsilon: ColumnType<string, number, number>;
  mechanism: 'geometric' | 'laplace';
  query: ColumnType<Record<string, unknown>, string, string>;
  published: ColumnType<Record<string, unknown>, string, string>;
  created_at: GeneratedTimestamp;
}

export interface ReferralsTable {
  id: string;
  network_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  from_case_id: string;
  to_case_id: string | null;
  kind: string;
  status: string;
  requested_service: string;
  shared_sections: string[];
  snapshot_enc: string;
  /** Clear reason of rows written before migration 027, until the start-up backfill seals it; NULL otherwise. */
  decline_reason: string | null;
  /** The decline reason sealed under the sender's and under the receiver's data key (migration 027). */
  decline_reason_from_enc: string | null;
  decline_reason_to_enc: string | null;
  /** The sender's network person identity for her (migration 016). */
  network_person_id: string | null;
  /** When she withdrew the sharing consent this referral rests on (migration 017). */
  consent_withdrawn_at: Date | null;
  /** The sender's message, sealed under the sender's and under the receiver's data key (migration 037). */
  message_from_enc: string | null;
  message_to_enc: string | null;
  /** routine, urgent or emergency (migration 037). */
  urgency: Generated<string>;
  /** The day the sender needs an answer or the service by (YYYY-MM-DD, migration 037). */
  requested_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface ReferralNotesTable {
  organisation_id: string;
  id: string;
  referral_id: string;
  kind: string;
  /** Clear JSON only in rows written before migration 017, until the backfill encrypts them. */
  data: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** The note, encrypted under the writing organisation's data key. */
  data_enc: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface DirectoryEntriesTable {
  organisation_id: string;
  organisation_type: string;
  territory_level: string;
  territory: string;
  languages: string[];
  services: string[];
  target_groups: string[];
  shelter_places_total: number | null;
  shelter_places_free: number | null;
  contact_route: string | null;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

/** Custom forms (migration 041): one draft per form, and its published versions (never changed). */
export interface CustomFormsTable {
  organisation_id: string;
  id: string;
  code: string;
  target: string;
  status: Generated<'draft' | 'published' | 'retired'>;
  draft: ColumnType<Record<string, unknown>, string, string>;
  current_version: Generated<number>;
  lock_version: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CustomFormVersionsTable {
  organisation_id: string;
  form_id: string;
  version: number;
  definition: ColumnType<Record<string, unknown>, string, never>;
  published_at: GeneratedTimestamp;
  published_by: string | null;
}

/** A device registered for offline work (migration 044); its key is derived, never stored. */
export interface SyncDevicesTable {
  organisation_id: string;
  device_id: string;
  user_id: string;
  label: string | null;
  registered_at: GeneratedTimestamp;
  last_sync_at: Timestamp | null;
  key_epoch: Generated<number>;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

/** A pushed change by its idempotency key (migration 044): the first result, replayed. */
export interface SyncChangesTable {
  organisation_id: string;
  user_id: string;
  key: string;
  device_id: string;
  result: unknown;
  created_at: GeneratedTimestamp;
}

/** The conflict queue (migration 044): base, device and server values sealed. */
export interface SyncConflictsTable {
  id: string;
  organisation_id: string;
  case_id: string;
  entry_id: string | null;
  kind: string | null;
  device_id: string;
  user_id: string;
  change_key: string;
  fields: string[];
  base_enc: string;
  mine_enc: string;
  theirs_enc: string;
  status: Generated<'open' | 'resolved'>;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution_enc: string | null;
  created_at: GeneratedTimestamp;
}

export interface DB {
  directory_entries: DirectoryEntriesTable;
  networks: NetworksTable;
  network_memberships: NetworkMembershipsTable;
  referrals: ReferralsTable;
  referral_notes: ReferralNotesTable;
  linkage_secrets: LinkageSecretsTable;
  linkage_encodings: LinkageEncodingsTable;
  linkage_record_keys: LinkageRecordKeysTable;
  linkage_matches: LinkageMatchesTable;
  linkage_runs: LinkageRunsTable;
  linkage_links: LinkageLinksTable;
  job_progress: JobProgressTable;
  linkage_reviews: LinkageReviewsTable;
  notifications: NotificationsTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  catalogue_profiles: CatalogueProfilesTable;
  catalogue_roles: CatalogueRolesTable;
  staff_roles: StaffRolesTable;
  staff_profiles: StaffProfilesTable;
  privacy_releases: PrivacyReleasesTable;
  estimates: EstimatesTable;
  reference_items: ReferenceItemsTable;
  legal_tracks: LegalTracksTable;
  employers: EmployersTable;
  employer_tutors: EmployerTutorsTable;
  employer_agreements: EmployerAgreementsTable;
  internship_rules: InternshipRulesTable;
  reference_lists: ReferenceListsTable;
  reference_item_proposals: ReferenceItemProposalsTable;
  persons: PersonsTable;
  person_name_tokens: PersonNameTokensTable;
  cases: CasesTable;
  case_intakes: CaseIntakesTable;
  case_entries: CaseEntriesTable;
  case_attachments: CaseAttachmentsTable;
  case_attachment_blobs: CaseAttachmentBlobsTable;
  case_events: CaseEventsTable;
  case_reference_counters: CaseReferenceCountersTable;
  organisations: OrganisationsTable;
  organisation_keys: OrganisationKeysTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  login_failures_unknown: LoginFailuresUnknownTable;
  membership_invitations: MembershipInvitationsTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_signing_keys: AuditSigningKeysTable;
  schema_migrations: SchemaMigrationsTable;
  backfills: BackfillsTable;
  idempotency_keys: IdempotencyKeysTable;
  custom_forms: CustomFormsTable;
  custom_form_versions: CustomFormVersionsTable;
  contacts: ContactsTable;
  contact_handoffs: ContactHandoffsTable;
  sync_devices: SyncDevicesTable;
  sync_changes: SyncChangesTable;
  sync_conflicts: SyncConflictsTable;
}
