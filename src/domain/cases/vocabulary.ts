/**
 * Closed code lists of case records that the server's schemas, the domain and
 * the web's forms share. Plain constants with no dependency (no zod), so the
 * web imports them by value without pulling in the validation code.
 */

/** The types of a legal event record, in the order the form offers them. */
export const LEGAL_EVENT_TYPES = [
  'reflection_period',
  'complaint',
  'statement',
  'permit_application',
  'permit_decision',
  'proceeding',
  'hearing',
  'compensation_claim',
  'compensation_outcome',
  'return',
  // Steps and conditions of the countries' legal tracks (src/domain/legal-tracks): the start of a
  // programme (IT Art. 13) or a tolerated stay (SK), an extension of a running step, and the
  // condition that stops the Slovak tolerated stay being extended (004:744–745).
  'programme_start',
  'tolerated_stay',
  'extension',
  'contact_with_suspects_renewed',
] as const;
export type LegalEventType = (typeof LEGAL_EVENT_TYPES)[number];

/** Her cooperation with the authorities: recorded, never a condition of assistance. */
export const COOPERATION_VALUES = ['unknown', 'not_cooperating', 'cooperating', 'declined'] as const;
export type Cooperation = (typeof COOPERATION_VALUES)[number];

/** The sections of the printed case file, in print order (src/domain/cases/case-file.ts). */
export const CASE_FILE_SECTIONS = [
  'person',
  'intake',
  'identification',
  'consent',
  'plan',
  'services',
  'accommodation',
  'legal',
  'referrals',
  'outcomes',
  // Labour-market insertion (issue #19): biography, guidance, courses, internships, mediation, placements.
  'employment',
  'minor',
  'notes',
  // Records of the organisation's custom forms; custom fields of another kind print with that kind's record.
  'forms',
  'other',
] as const;
export type CaseFileSection = (typeof CASE_FILE_SECTIONS)[number];
