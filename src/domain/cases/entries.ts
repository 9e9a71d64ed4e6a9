/**
 * The typed records of a case. Each kind has one schema, used by the API edge
 * (and the OpenAPI document) and by the service before anything is stored.
 * Codes are checked against the organisation's reference lists by the service.
 */
import { z } from 'zod';
import { code, isoDate } from '../shared/zod';
import { CustomValuesSchema, SEALED_VALUES } from '../forms/record';

const shortText = z.string().trim().max(500);
const countryCode = z.string().regex(/^[A-Z]{2}$/);
/** The kinds of contact a case note records. */
export const NOTE_KINDS = ['meeting', 'phone_call', 'home_visit', 'shelter_visit', 'message', 'other'] as const;
const longText = z.string().trim().max(10_000);

export const ENTRY_SCHEMAS = {
  // The first shape was `{ level, assessedOn, notes }` (the intake's one drop-down); it still parses.
  // A structured assessment adds the answers to the organisation's `risk_questions`; the server then
  // stores the level it suggests, and a chosen level that differs needs the caseworker's reason.
  risk_assessment: z.strictObject({
    level: code,
    assessedOn: isoDate,
    notes: longText.optional(),
    answers: z
      .array(z.strictObject({ question: code, answer: z.enum(['yes', 'no', 'unknown']) }))
      .max(60)
      .optional(),
    suggestedLevel: code.optional(),
    overrideReason: longText.optional(),
  }),
  identification: z.strictObject({
    acts: z.array(code).max(20),
    means: z.array(code).max(20),
    purposes: z.array(code).max(20),
    formsOfExploitation: z.array(code).max(20).default([]),
    methodsOfControl: z.array(code).max(30).default([]),
    recruiterRelationship: code.optional(),
    assessedOn: isoDate,
    // Her age at the time of the acts is what counts (Art. 3(d)): the date (or start date) of the
    // acts, and/or the explicit answer "under 18 at the time", which wins over the dates.
    actsDate: isoDate.optional(),
    minorAtActs: z.enum(['yes', 'no', 'unknown']).optional(),
  }),
  determination_organisation: z.strictObject({
    outcome: z.enum(['determined', 'not_determined', 'pending']),
    decidedBy: shortText.min(1),
    decidedOn: isoDate,
    note: longText.optional(),
  }),
  determination_authority: z.strictObject({
    outcome: z.enum(['determined', 'not_determined', 'pending']),
    authority: shortText.min(1),
    decidedOn: isoDate,
    reference: shortText.optional(),
  }),
  migration_status: z.strictObject({ status: code, recordedOn: isoDate, note: longText.optional() }),
  sex_work: z.strictObject({ doesSexWork: z.enum(['yes', 'no', 'unknown', 'not_asked']), recordedOn: isoDate }),
  // Smuggling (consensual procurement of illegal entry) is its own category, never read as trafficking.
  smuggling: z.strictObject({ smuggled: z.enum(['yes', 'no', 'unknown', 'not_asked']), recordedOn: isoDate }),
  own_account: z.strictObject({ text: longText.min(1), language: shortText.optional(), recordedOn: isoDate }),
  consent: z.strictObject({
    purpose: code,
    action: z.enum(['granted', 'withdrawn']),
    language: shortText.min(1),
    interpreterUsed: z.boolean(),
    partnerOrganisationId: z.string().uuid().optional(),
    recordedOn: isoDate,
  }),
  objective: z.strictObject({
    title: shortText.min(1),
    area: code.optional(),
    ownerId: z.string().uuid().optional(),
    dueDate: isoDate.optional(),
    status: z.enum(['open', 'achieved', 'dropped']),
    microObjectives: z
      .array(z.strictObject({ title: shortText.min(1), dueDate: isoDate.optional(), done: z.boolean() }))
      .max(50)
      .default([]),
  }),
  review: z.strictObject({ reviewedOn: isoDate, notes: longText.min(1), nextReviewOn: isoDate.optional() }),
  service: z.strictObject({
    service: code,
    deliveredOn: isoDate,
    provider: z.enum(['own', 'partner']),
    partnerName: shortText.optional(),
    staffRole: shortText.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
  }),
  placement: z.strictObject({
    type: code,
    startOn: isoDate,
    endOn: isoDate.optional(),
    reason: shortText.optional(),
    address: shortText.optional(),
  }),
  // The organisation's list legal_event_types (CODED_FIELDS); the legal tracks give the seed codes their meaning.
  legal_event: z.strictObject({
    type: code,
    date: isoDate,
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    endDate: isoDate.optional(),
    permitType: code.optional(),
    authority: shortText.optional(),
    path: z.enum(['judicial', 'social']).optional(),
    validUntil: isoDate.optional(),
    stage: code.optional(),
    court: shortText.optional(),
    testimonyMode: code.optional(),
    accompanied: z.boolean().optional(),
    amount: z.number().min(0).max(1e9).optional(),
    note: longText.optional(),
    // The country's legal track (src/domain/legal-tracks) and the step this event starts or extends;
    // the server fills both in (and the rule's version the dates were computed under) when omitted.
    track: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    step: code.optional(),
    trackVersion: z.number().int().min(1).max(100_000).optional(),
    /** An extension: the step's event (a record of this case) it extends. */
    extends: z.string().uuid().optional(),
    /** The recorded event the step requires (France L.316-1: a complaint or testimony). */
    basedOn: z.string().uuid().optional(),
    /** The social path (Italy Art. 18): the accredited agency or social service that gave the statement. */
    statementBy: shortText.optional(),
    /** Server-computed: the day the next extension must be decided by, while one can be granted. */
    extensionDecisionBy: isoDate.optional(),
  }),
  exploitation_return: z.strictObject({ date: isoDate, statedReasons: longText.min(1) }),
  // (Re)integration outcomes: scores against her own baseline, events, circumstances, factors, follow-up.
  outcome_assessment: z.strictObject({
    date: isoDate,
    origin: z.enum(['intake', 'scheduled', 'self_initiated']).optional(),
    /** The follow-up interview whose answers informed these scores, if any. */
    interviewEntryId: z.string().uuid().optional(),
    scores: z
      .array(
        z.strictObject({
          element: code,
          score: z.number().int(),
          source: z.enum(['own_view', 'caseworker_observation', 'document']),
          note: shortText.optional(),
          /** The interview questions that informed this score: the trace from answer to score. */
          informedBy: z.array(code).max(50).optional(),
        }),
      )
      .min(1)
      .max(40),
  }),
  // The structured follow-up interview (thesis Annex 2); answers stay encrypted.
  interview: z.strictObject({
    date: isoDate,
    answers: z
      .array(
        z.strictObject({
          question: code,
          value: z.union([z.number(), z.string().trim().max(2000), z.boolean(), z.null()]),
          answeredBy: z.enum(['person', 'caseworker']).optional(),
        }),
      )
      .max(200),
  }),
  // A key decision and the three autonomy checks (her volition, support, autonomy within it).
  autonomy: z.strictObject({
    date: isoDate,
    area: z.enum(['relationship', 'work', 'return', 'disclosure_to_family', 'other']),
    description: shortText.optional(),
    ownDecision: z.boolean().nullable(),
    emotionalSupport: z.boolean().nullable(),
    autonomyWithin: z.boolean().nullable(),
    financialDependence: z.boolean().nullable().optional(),
  }),
  follow_up_appointment: z.strictObject({ dueDate: isoDate, note: shortText.optional() }),
  // The kinds are the organisation's list outcome_event_kinds (CODED_FIELDS); their built-in meaning
  // (hard failures, chart markers) is keyed on the seed codes in src/domain/outcomes.
  outcome_event: z.strictObject({
    kind: code,
    date: isoDate,
    note: shortText.optional(),
    statedReasons: longText.nullable().optional(),
  }),
  // The organisation's list circumstance_kinds; only the seed drug_addiction withholds success.
  circumstance: z.strictObject({
    kind: code,
    from: isoDate,
    to: isoDate.optional(),
    note: shortText.optional(),
  }),
  factor: z.strictObject({
    code,
    valence: z.enum(['positive', 'negative']),
    level: z.enum(['micro', 'meso', 'macro']).optional(),
    note: shortText.optional(),
  }),
  // Minors: her guardian or legal representative, the best-interests determination, an age assessment,
  // and the child-protection referral the country requires (see `child_protection_requirements`).
  guardian: z.strictObject({
    name: shortText.min(1),
    contact: shortText.optional(),
    role: z.enum(['guardian', 'legal_representative', 'voluntary_guardian', 'institutional_guardian', 'other']),
    appointedOn: isoDate.optional(),
    authority: shortText.optional(),
  }),
  best_interests_determination: z.strictObject({
    date: isoDate,
    decidedBy: shortText.min(1),
    outcome: z.enum([
      'stay_in_country',
      'return_to_family',
      'family_reunification_elsewhere',
      'alternative_care',
      'pending',
      'other',
    ]),
    note: longText.optional(),
  }),
  age_assessment: z.strictObject({
    date: isoDate,
    method: z.enum(['document', 'medical', 'psychosocial_interview', 'self_declaration', 'other']),
    result: z.enum(['minor', 'adult', 'uncertain']),
    assessedBy: shortText.optional(),
  }),
  child_protection_referral: z.strictObject({
    referredOn: isoDate,
    requirement: code.optional(),
    authority: shortText.min(1),
    reference: shortText.optional(),
  }),
  follow_up: z.strictObject({
    kind: z.enum(['consented', 'opted_out', 'preference', 'self_initiated_contact']),
    at: isoDate,
    mode: z.enum(['scheduled', 'self_initiated']).optional(),
    note: shortText.optional(),
  }),
  // A case note / contact log line: a meeting, call, visit or message. Stored as a case record
  // (not a table of its own) so it is versioned, corrected and voided like every record; its free
  // text, who was present and the interpreter's language are sealed (SECRET_FIELDS). Only the
  // date, time, kind and the interpreter flag stay clear; no statistic, export or referral snapshot reads notes.
  note: z.strictObject({
    date: isoDate,
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    kind: z.enum(NOTE_KINDS),
    present: shortText.optional(),
    interpreterUsed: z.boolean(),
    interpreterLanguage: shortText.optional(),
    text: longText.min(1),
  }),
  // A filled-in custom form of the case (issue #17): the form's code, the published version it was
  // recorded under (read with that version's definition forever) and the values by field name. The
  // service validates the values against that version and seals those of sealed fields.
  custom_form: CustomValuesSchema,
  // Labour-market insertion (issue #19; seed 004 ~1059–1090). Economic facts against her own
  // baseline, never a score: a training left or a job that ended carries her stated reasons only.
  // Her school and employment biography: what she learnt, the work she did (before, during and after
  // exploitation, recorded without judgement), what she can prove, and what she wants.
  work_biography: z.strictObject({
    recordedOn: isoDate,
    schooling: z
      .array(
        z.strictObject({
          level: code,
          country: countryCode.optional(),
          completed: z.boolean().optional(),
          years: z.number().int().min(0).max(30).optional(),
        }),
      )
      .max(20)
      .default([]),
    languages: z
      .array(z.strictObject({ language: code, level: z.enum(['basic', 'independent', 'proficient', 'native']) }))
      .max(20)
      .default([]),
    workHistory: z
      .array(
        z.strictObject({
          sector: code.optional(),
          role: shortText.min(1),
          period: z.enum(['before', 'during_exploitation', 'after']),
          from: isoDate.optional(),
          to: isoDate.optional(),
          note: shortText.optional(),
        }),
      )
      .max(40)
      .default([]),
    qualifications: z
      .array(
        z.strictObject({
          title: shortText.min(1),
          country: countryCode.optional(),
          recognition: z.enum(['recognised', 'in_progress', 'not_recognised', 'not_applied']),
        }),
      )
      .max(20)
      .default([]),
    goals: longText.optional(),
  }),
  guidance_session: z.strictObject({
    date: isoDate,
    provider: z.enum(['own', 'partner']),
    partnerOrganisationId: z.string().uuid().optional(),
    partnerName: shortText.optional(),
    attended: z.boolean(),
    note: longText.optional(),
  }),
  // A vocational or language course (the service codes vocational_training / language_course).
  training: z.strictObject({
    title: shortText.min(1),
    type: z.enum(['vocational', 'language', 'other']),
    provider: z.enum(['own', 'partner']),
    partnerOrganisationId: z.string().uuid().optional(),
    partnerName: shortText.optional(),
    startOn: isoDate,
    endOn: isoDate.optional(),
    /** Share of the sessions she attended, when the provider reports it. */
    attendancePercent: z.number().int().min(0).max(100).optional(),
    status: z.enum(['enrolled', 'attending', 'completed', 'left']),
    completedOn: isoDate.optional(),
    certificate: z.boolean().optional(),
    statedReasons: longText.optional(),
  }),
  // On-the-job training with an employer of the directory (1–6 months by default, per country).
  internship: z.strictObject({
    employerId: z.string().uuid(),
    tutorId: z.string().uuid().optional(),
    startOn: isoDate,
    endOn: isoDate,
    hoursPerWeek: z.number().min(1).max(60),
    pay: z.strictObject({
      kind: z.enum(['wage', 'grant', 'none']),
      monthlyAmount: z.number().min(0).max(1e6).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    }),
    insurancePaidBy: z.enum(['organisation', 'employer', 'public_scheme', 'other']),
    insurancePolicyReference: shortText.optional(),
    objectives: longText.optional(),
    midReviewOn: isoDate.optional(),
    midReview: longText.optional(),
    finalReviewOn: isoDate.optional(),
    finalReview: longText.optional(),
    /** What the internship cost the organisation in all (wage or grant, insurance, tutor), for funders. */
    costToOrganisation: z.number().min(0).max(1e7).optional(),
    status: z.enum(['planned', 'ongoing', 'completed', 'ended_early']),
    endedOn: isoDate.optional(),
    statedReasons: longText.optional(),
  }),
  employer_mediation: z.strictObject({
    date: isoDate,
    employerId: z.string().uuid(),
    internshipId: z.string().uuid().optional(),
    issues: longText.min(1),
    agreements: longText.optional(),
    ownView: longText.optional(),
  }),
  job_placement: z.strictObject({
    employerId: z.string().uuid().optional(),
    contractType: code,
    sector: code.optional(),
    startOn: isoDate,
    hoursPerWeek: z.number().min(1).max(60).optional(),
    /** Support after placement: a follow-up this many months apart until it ends (default 3). */
    followUpEveryMonths: z.number().int().min(1).max(12).optional(),
    endedOn: isoDate.optional(),
    statedReasons: longText.optional(),
  }),
  job_follow_up: z.strictObject({
    placementId: z.string().uuid(),
    date: isoDate,
    stillInWork: z.enum(['yes', 'no', 'unknown']),
    note: longText.optional(),
  }),
} as const;

export type EntryKind = keyof typeof ENTRY_SCHEMAS;
export const ENTRY_KINDS = Object.keys(ENTRY_SCHEMAS) as EntryKind[];
export type EntryData<K extends EntryKind> = z.infer<(typeof ENTRY_SCHEMAS)[K]>;

/**
 * Fields stored encrypted under the organisation's data key, never in the clear JSON. The rule:
 * free text that may describe her (or name the people and places around her) is encrypted;
 * codes, dates, numbers and booleans stay clear, because statistics, the agenda and the outcome
 * schedule read them without a key. Service providers' names and staff roles describe the
 * provider, not her, and stay clear. `list[].field` names a field inside each element of a list.
 */
export const SECRET_FIELDS: Partial<Record<EntryKind, string[]>> = {
  own_account: ['text'],
  note: ['text', 'present', 'interpreterLanguage'],
  placement: ['address', 'reason'],
  risk_assessment: ['notes', 'overrideReason'],
  guardian: ['name', 'contact', 'authority'],
  best_interests_determination: ['decidedBy', 'note'],
  age_assessment: ['assessedBy'],
  child_protection_referral: ['authority', 'reference'],
  interview: ['answers'],
  autonomy: ['description'],
  determination_organisation: ['decidedBy', 'note'],
  determination_authority: ['authority', 'reference'],
  migration_status: ['note'],
  objective: ['title', 'microObjectives[].title'],
  review: ['notes'],
  legal_event: ['authority', 'court', 'note', 'statementBy'],
  exploitation_return: ['statedReasons'],
  outcome_assessment: ['scores[].note'],
  follow_up_appointment: ['note'],
  outcome_event: ['note', 'statedReasons'],
  circumstance: ['note'],
  factor: ['note'],
  follow_up: ['note'],
  // Custom values of sealed fields (text, long text, attachments, sensitive), for a custom_form record;
  // another kind's record with custom fields seals them under the same path (services/entry-secrets.ts).
  custom_form: [SEALED_VALUES],
  work_biography: ['workHistory[].role', 'workHistory[].note', 'qualifications[].title', 'goals'],
  guidance_session: ['note'],
  training: ['statedReasons'],
  internship: ['objectives', 'midReview', 'finalReview', 'statedReasons', 'insurancePolicyReference'],
  employer_mediation: ['issues', 'agreements', 'ownView'],
  job_placement: ['statedReasons'],
  job_follow_up: ['note'],
};

/** Which reference list each coded field must come from. */
export const CODED_FIELDS: Partial<Record<EntryKind, Record<string, string>>> = {
  risk_assessment: { level: 'risk_levels' },
  identification: {
    acts: 'palermo_acts',
    means: 'palermo_means',
    purposes: 'palermo_purposes',
    formsOfExploitation: 'forms_of_exploitation',
    methodsOfControl: 'methods_of_control',
    recruiterRelationship: 'recruiter_relationships',
  },
  migration_status: { status: 'migration_statuses' },
  consent: { purpose: 'consent_purposes' },
  service: { service: 'services' },
  placement: { type: 'accommodation_types' },
  legal_event: {
    type: 'legal_event_types',
    permitType: 'permit_types',
    stage: 'proceeding_stages',
    testimonyMode: 'testimony_modes',
  },
  outcome_event: { kind: 'outcome_event_kinds' },
  circumstance: { kind: 'circumstance_kinds' },
  // `list[].field`: the field of each element of a list (services/case-entries.ts validate()).
  work_biography: { 'schooling[].level': 'education_levels', 'workHistory[].sector': 'economic_sectors' },
  job_placement: { contractType: 'contract_types', sector: 'economic_sectors' },
};

/** Date pairs that must be in order, per kind. */
export const DATE_RANGES: Partial<Record<EntryKind, [string, string][]>> = {
  placement: [['startOn', 'endOn']],
  legal_event: [
    ['date', 'endDate'],
    ['date', 'validUntil'],
  ],
  review: [['reviewedOn', 'nextReviewOn']],
  circumstance: [['from', 'to']],
  training: [
    ['startOn', 'endOn'],
    ['startOn', 'completedOn'],
  ],
  internship: [
    ['startOn', 'endOn'],
    ['startOn', 'midReviewOn'],
    ['startOn', 'finalReviewOn'],
    ['startOn', 'endedOn'],
  ],
  job_placement: [['startOn', 'endedOn']],
};

/** Dates that describe the past and so cannot lie in the future. */
export const PAST_DATES: Partial<Record<EntryKind, string[]>> = {
  risk_assessment: ['assessedOn'],
  identification: ['assessedOn'],
  determination_organisation: ['decidedOn'],
  determination_authority: ['decidedOn'],
  migration_status: ['recordedOn'],
  sex_work: ['recordedOn'],
  smuggling: ['recordedOn'],
  own_account: ['recordedOn'],
  note: ['date'],
  consent: ['recordedOn'],
  review: ['reviewedOn'],
  service: ['deliveredOn'],
  exploitation_return: ['date'],
  outcome_assessment: ['date'],
  outcome_event: ['date'],
  follow_up: ['at'],
  interview: ['date'],
  autonomy: ['date'],
  guardian: ['appointedOn'],
  best_interests_determination: ['date'],
  age_assessment: ['date'],
  child_protection_referral: ['referredOn'],
  // Labour-market insertion: what happened (a session, a completion, a review, an end) is in the past.
  work_biography: ['recordedOn'],
  guidance_session: ['date'],
  training: ['completedOn'],
  internship: ['midReviewOn', 'finalReviewOn', 'endedOn'],
  employer_mediation: ['date'],
  job_placement: ['endedOn'],
  job_follow_up: ['date'],
};
