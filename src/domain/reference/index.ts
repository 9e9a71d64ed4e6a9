/** Every seed reference list; organisations get a copy they can edit. */
import * as contact from './contact-lists';
import * as directory from './directory-lists';
import * as identification from './identification-lists';
import * as labour from './labour-lists';
import * as outcome from './outcome-lists';
import * as programme from './programme-lists';
import * as risk from './risk-lists';
import type { ReferenceList } from './types';

export * from './types';

export const defaultReferenceLists: ReferenceList[] = [
  ...Object.values(identification),
  ...Object.values(programme),
  ...Object.values(risk),
  ...Object.values(outcome),
  ...Object.values(directory),
  ...Object.values(contact),
  ...Object.values(labour),
];

export type ListKey =
  | 'contact_provisions'
  | 'channels'
  | 'immediate_needs'
  | 'palermo_acts'
  | 'palermo_means'
  | 'palermo_purposes'
  | 'forms_of_exploitation'
  | 'methods_of_control'
  | 'recruiter_relationships'
  | 'risk_levels'
  | 'migration_statuses'
  | 'chosen_terms'
  | 'services'
  | 'accommodation_types'
  | 'programme_types'
  | 'closure_reasons'
  | 'pause_reasons'
  | 'consent_purposes'
  | 'testimony_modes'
  | 'permit_types'
  | 'proceeding_stages'
  | 'reflection_periods'
  | 'risk_questions'
  | 'child_protection_requirements'
  | 'outcome_event_kinds'
  | 'circumstance_kinds'
  | 'legal_event_types'
  | 'document_types'
  | 'organisation_types'
  | 'target_groups'
  | 'education_levels'
  | 'economic_sectors'
  | 'contract_types';
