/** Surtees' (2010) 14 impact indicators of (re)integration (001:3458–3470), translated. */
import type { Labels } from './model';
import { labelsFor } from '../../i18n/resources';

/** A text of locales/<language>/outcomes.json in every language that has it. */
const T = (key: string): Labels => labelsFor('outcomes', key) as Labels;

export const SURTEES_INDICATORS = [
  { number: 1, code: 'accommodation', label: T('surtees.surtees_indicators.accommodation.label') },
  { number: 2, code: 'legal_status', label: T('surtees.surtees_indicators.legal_status.label') },
  { number: 3, code: 'employment', label: T('surtees.surtees_indicators.employment.label') },
  { number: 4, code: 'education', label: T('surtees.surtees_indicators.education.label') },
  { number: 5, code: 'security', label: T('surtees.surtees_indicators.security.label') },
  { number: 6, code: 'social_environment', label: T('surtees.surtees_indicators.social_environment.label') },
  { number: 7, code: 'social_wellbeing', label: T('surtees.surtees_indicators.social_wellbeing.label') },
  { number: 8, code: 'economic_situation', label: T('surtees.surtees_indicators.economic_situation.label') },
  { number: 9, code: 'physical_wellbeing', label: T('surtees.surtees_indicators.physical_wellbeing.label') },
  { number: 10, code: 'mental_wellbeing', label: T('surtees.surtees_indicators.mental_wellbeing.label') },
  { number: 11, code: 'access_to_services', label: T('surtees.surtees_indicators.access_to_services.label') },
  { number: 12, code: 'motivation', label: T('surtees.surtees_indicators.motivation.label') },
  { number: 13, code: 'legal_proceedings', label: T('surtees.surtees_indicators.legal_proceedings.label') },
  { number: 14, code: 'secondary_beneficiaries', label: T('surtees.surtees_indicators.secondary_beneficiaries.label') },
] as const;

export type SurteesIndicatorNumber = (typeof SURTEES_INDICATORS)[number]['number'];
