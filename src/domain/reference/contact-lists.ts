/**
 * Seed list for the contact log before cases (issue #18): what a hotline call, an outreach contact,
 * a drop-in visit or a message gave her. The needs she expressed come from `immediate_needs`.
 */
import { list } from './seed';

export const contactProvisions = list('contact_provisions', [
  'information',
  'condoms',
  'referral',
  'accompaniment',
  'hygiene_kit',
  'food',
  'clothing',
  'other',
]);
