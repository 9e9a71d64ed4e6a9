/** Seed lists for first contact and identification (domain reference §1, §2; HTCDS control methods). */
import { list } from './seed';

export const channels = list('channels', [
  'outreach_unit',
  'drop_in_centre',
  'hotline',
  'law_enforcement',
  'judiciary',
  'client',
  'partner',
  'friend_acquaintance',
  'self_referral',
  'health_service',
  'other',
]);

export const immediateNeeds = list('immediate_needs', ['food', 'clothing', 'medical', 'legal', 'shelter']);

export const palermoActs = list('palermo_acts', ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt']);

/**
 * The means of Art. 3(a), each marked `palermoMeans`: only a marked item counts as a means in the
 * derivation, so a local item an organisation adds ("none observed") never satisfies the step.
 */
export const palermoMeans = list(
  'palermo_means',
  [
    'threat_or_force',
    'coercion',
    'abduction',
    'fraud',
    'deception',
    'abuse_of_power',
    'abuse_of_vulnerability',
    'payments_or_benefits',
  ].map((code): [string, Record<string, unknown>] => [code, { palermoMeans: true }]),
);

export const palermoPurposes = list('palermo_purposes', [
  'sexual_exploitation',
  'forced_labour',
  'slavery',
  'servitude',
  'organ_removal',
]);

export const formsOfExploitation = list('forms_of_exploitation', [
  'sexual',
  'forced_labour',
  'begging',
  'illegal_activities',
  'mail_order_bride',
  'illegal_adoption',
  'organs',
]);

export const methodsOfControl = list('methods_of_control', [
  'debt_bondage',
  'takes_earnings',
  'threats',
  'physical_abuse',
  'sexual_abuse',
  'psychological_abuse',
  'restricts_movement',
  'withholds_documents',
  'threats_to_family',
  'substances',
  'false_promises',
  'isolation',
  'other',
]);

export const recruiterRelationships = list('recruiter_relationships', [
  'family',
  'intimate_partner',
  'friend',
  'acquaintance',
  'stranger',
  'employer',
  'other',
]);

/** `minScore`: the structured assessment's score from which a level is suggested (src/domain/cases/risk.ts). */
export const riskLevels = list('risk_levels', [
  ['low', { minScore: 0 }],
  ['medium', { minScore: 3 }],
  ['high', { minScore: 6 }],
  ['critical', { minScore: 10 }],
]);

export const migrationStatuses = list('migration_statuses', [
  'national',
  'eu_citizen',
  'regular_permit',
  'asylum_seeker',
  'irregular',
  'unknown',
]);

export const chosenTerms = list('chosen_terms', ['victim', 'survivor', 'beneficiary', 'trafficked_person', 'none']);
