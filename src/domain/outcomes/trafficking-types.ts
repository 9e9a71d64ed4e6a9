/**
 * Typology of the severity of the trafficking experience (001:3951–4119).
 * Severity shapes which services she needs; the duration of the experience is
 * recorded but is not an influencing factor (001:3926–3930).
 */
import type { Labels } from './model';
import { labelsFor } from '../../i18n/resources';

/** A text of locales/<language>/outcomes.json in every language that has it. */
const T = (key: string): Labels => labelsFor('outcomes', key) as Labels;

export const TRAFFICKING_TYPES = [
  {
    type: 1,
    label: T('trafficking_types.1.label'),
    description: T('trafficking_types.1.description'),
  },
  {
    type: 2,
    label: T('trafficking_types.2.label'),
    description: T('trafficking_types.2.description'),
  },
  {
    type: 3,
    label: T('trafficking_types.3.label'),
    description: T('trafficking_types.3.description'),
  },
] as const;

export type TraffickingType = (typeof TRAFFICKING_TYPES)[number]['type'];

/** The trafficking experience as recorded; `durationDays` is kept for the record only, never as a factor. */
export interface TraffickingExperience {
  type: TraffickingType | null;
  traffickerRelation?: 'family_member' | 'partner' | 'acquaintance' | 'stranger' | 'unknown';
  durationDays?: number | null;
  /** Who supplied this: she need not retell it (001:4168). */
  source: 'own_view' | 'caseworker_observation' | 'document';
}
