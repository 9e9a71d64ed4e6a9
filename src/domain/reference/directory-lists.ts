/**
 * Seed lists for the network directory (issue #17): the types of organisation and the target groups
 * an organisation's entry names were enums in code; now they are lists each organisation extends and
 * translates. The codes are what partners search by, so the seed codes are shared by everyone.
 */
import { list } from './seed';

export const organisationTypes = list('organisation_types', [
  'ngo',
  'religious_institution',
  'womens_group',
  'social_cooperative',
  'advocacy_group',
  'public_institution',
  'municipality',
  'regional_administration',
  'health_service',
  'law_enforcement',
  'judiciary',
  'international_organisation',
  'employer',
  'training_centre',
]);

export const targetGroups = list('target_groups', [
  'women',
  'men',
  'transgender',
  'minors',
  'sexual',
  'forced_labour',
  'begging',
  'illegal_activities',
  'mail_order_bride',
  'illegal_adoption',
  'organs',
]);
