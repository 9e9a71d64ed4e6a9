/**
 * Seed lists for (re)integration outcomes (issue #17): the kinds of outcome events and of
 * circumstances were enums in code; now they are lists an organisation extends and translates. The
 * meaning some seed kinds carry (a hard failure, success withheld while a circumstance lasts, the
 * chart markers) stays keyed on these seed codes in src/domain/outcomes, so a kind she adds is
 * recorded and shown but carries no built-in meaning.
 */
import { list } from './seed';

export const outcomeEventKinds = list('outcome_event_kinds', [
  ['thinking_about_future', { category: 'turning_point' }],
  ['decision_to_leave_shelter', { category: 'turning_point' }],
  ['shelter_exit', { category: 'event' }],
  ['permit', { category: 'event' }],
  ['job', { category: 'event' }],
  ['family_reunification', { category: 'event' }],
  ['violence', { category: 'hard_failure' }],
  ['re_trafficking', { category: 'hard_failure' }],
]);

export const circumstanceKinds = list('circumstance_kinds', [
  'unemployment',
  'financial_dependence_family',
  'financial_dependence_partner',
  'institutional_mental_health_care',
  'alcohol_addiction',
  'drug_addiction',
]);
