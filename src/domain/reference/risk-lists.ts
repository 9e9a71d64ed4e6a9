/**
 * Seed lists for the structured risk assessment and the child-protection rules for minors. Each
 * organisation edits its copy: the questions, their weights and the level a "yes" forces; the
 * authority each country requires a minor to be referred to.
 *
 * A question's meta: `weight` (added for "yes", half for "unknown") and optionally `atLeast`, the
 * level a "yes" forces whatever the score (see src/domain/cases/risk.ts).
 */
import { list } from './seed';

export const riskQuestions = list('risk_questions', [
  ['threat_from_traffickers', { weight: 4, atLeast: 'high' }],
  ['contact_by_exploiters', { weight: 3 }],
  ['debt_bondage', { weight: 2 }],
  ['threats_to_family', { weight: 3 }],
  ['accommodation_unsafe', { weight: 3 }],
  ['exploiters_know_location', { weight: 4, atLeast: 'high' }],
  ['self_harm', { weight: 4, atLeast: 'high' }],
  ['health_urgent', { weight: 3, atLeast: 'high' }],
  ['children_at_risk', { weight: 3, atLeast: 'high' }],
  ['no_documents', { weight: 1 }],
  ['substance_dependence', { weight: 1 }],
  ['isolated_no_support', { weight: 1 }],
]);

/**
 * The child-protection referral each country requires when the person is a minor: one item per
 * country (`meta.country`), and `default` where the case's country has none. The label says to whom.
 */
export const childProtectionRequirements = list('child_protection_requirements', [
  ['it', { country: 'IT' }],
  ['fr', { country: 'FR' }],
  ['sk', { country: 'SK' }],
  ['nl', { country: 'NL' }],
  'default',
]);
