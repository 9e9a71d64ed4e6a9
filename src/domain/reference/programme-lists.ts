/** Seed lists for the programme, services, accommodation, legal track and case lifecycle (domain reference §3–§5). */
import { ATTACHMENT_CATEGORIES } from '../attachments/rules';
import { LEGAL_EVENT_TYPES } from '../cases/vocabulary';
import { list } from './seed';

export const services = list('services', [
  ['health_checkup', { category: 'health' }],
  ['gynaecological_checkup', { category: 'health' }],
  ['sti_tests', { category: 'health' }],
  ['psychological_counselling', { category: 'psychological' }],
  ['long_term_therapy', { category: 'psychological' }],
  ['social_counselling', { category: 'social' }],
  ['legal_counselling', { category: 'legal' }],
  ['accommodation', { category: 'accommodation' }],
  ['education_retraining', { category: 'education' }],
  ['language_course', { category: 'education' }],
  ['vocational_guidance', { category: 'work' }],
  ['vocational_training', { category: 'work' }],
  ['on_the_job_training', { category: 'work' }],
  ['job_placement', { category: 'work' }],
  ['financial_grant', { category: 'financial' }],
  ['accompaniment_police_court', { category: 'accompaniment' }],
  ['accompaniment_permit_office', { category: 'accompaniment' }],
  ['interpretation_mediation', { category: 'mediation' }],
  ['family_mediation', { category: 'mediation' }],
  ['return_assistance', { category: 'return' }],
  ['personal_reconstruction', { category: 'personal_reconstruction' }],
]);

export const accommodationTypes = list('accommodation_types', [
  ['emergency', { typicalMonths: [0, 1] }],
  ['first_care', { typicalMonths: [2, 3] }],
  ['second_care', { typicalMonths: [2, 6] }],
  'autonomous',
  'family_placement',
  'non_residential',
]);

export const programmeTypes = list('programme_types', [
  ['it_art13', { country: 'IT' }],
  ['it_art18', { country: 'IT' }],
  ['fr_acse', { country: 'FR' }],
  ['sk_iom_return_reintegration', { country: 'SK' }],
  ['sk_moi_programme', { country: 'SK' }],
  ['nl_b9_reflection', { country: 'NL' }],
  ['assisted_voluntary_return', { requiresPreDepartureRiskAssessment: true }],
  'generic',
]);

export const closureReasons = list('closure_reasons', [
  'programme_completed',
  'moved_to_other_organisation',
  'returned_to_country_of_origin',
  'lost_contact',
  'declined_further_support',
  'deceased',
  'other',
]);

export const pauseReasons = list('pause_reasons', [
  'lost_contact',
  'in_hospital',
  'detained',
  'travelling',
  'personal_request',
  'other',
]);

export const consentPurposes = list('consent_purposes', [
  'assistance',
  'data_storage',
  'referral_sharing',
  'follow_up_contact',
  'anonymous_statistics',
  'research',
  'network_deduplication',
]);

export const testimonyModes = list('testimony_modes', [
  'in_person',
  'video',
  'written',
  'separate_room',
  'prior_statement_reused',
]);

export const permitTypes = list('permit_types', [
  ['fr_l316_1', { country: 'FR' }],
  // One Art. 18 permit; its judicial or social path is the record's `path` (the two codes it replaced,
  // it_art18_judicial and it_art18_social, are retired by migration 040 and read as this one).
  ['it_art18', { country: 'IT' }],
  ['sk_tolerated_stay', { country: 'SK' }],
  ['nl_b8', { country: 'NL' }],
  'other',
]);

export const proceedingStages = list('proceeding_stages', [
  'investigation',
  'prosecution',
  'trial',
  'appeal',
  'closed',
]);

/** Reflection period per country (domain reference §4). */
export const reflectionPeriods = list('reflection_periods', [
  ['fr', { country: 'FR', days: 30 }],
  ['sk', { country: 'SK', days: 40 }],
  ['it', { country: 'IT', months: 3 }],
  ['nl', { country: 'NL', months: 3 }],
]);

// The types of a legal event record (issue #17: data, not an enum). The seed codes carry the
// meaning the legal tracks give them (src/domain/legal-tracks); a type an organisation adds is
// recorded and shown with its label, and starts no step.
export const legalEventTypes = list('legal_event_types', [...LEGAL_EVENT_TYPES]);

// The types of document a case's attachment is (issue #17); consent_form keeps its meaning.
export const documentTypes = list('document_types', [...ATTACHMENT_CATEGORIES]);
