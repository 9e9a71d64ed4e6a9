/**
 * Factors influencing (re)integration (001:3436–3446): six groups, each factor
 * positive or negative and at the micro, meso or macro level of her ecological
 * environment, mapped to Surtees' 14 impact indicators. The catalogue is
 * configuration. Duration of the trafficking experience is recorded elsewhere
 * (trafficking-types.ts) and refused as a factor: severity takes precedence (001:3926).
 */
import { z } from 'zod';
import { modelCode } from '../shared/zod';
import { OutcomeError } from './errors';
import { labelsSchema, type Labels } from './model';
import { SURTEES_INDICATORS } from './surtees';
import { labelsFor } from '../../i18n/resources';

export const FACTOR_GROUPS = [
  'background',
  'trafficking_experience',
  'institutions',
  'economic',
  'personal',
  'family_friends',
] as const;
export const ECOLOGICAL_LEVELS = ['micro', 'meso', 'macro'] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];
export type EcologicalLevel = (typeof ECOLOGICAL_LEVELS)[number];
export type Valence = 'positive' | 'negative';

const isDuration = (code: string) => /(^|_)duration(_|$)/.test(code);

export const factorDefinitionSchema = z.object({
  code: modelCode.refine((code) => !isDuration(code), 'duration is recorded but is not a factor'),
  group: z.enum(FACTOR_GROUPS),
  defaultLevel: z.enum(ECOLOGICAL_LEVELS),
  label: labelsSchema,
  surtees: z.array(z.number().int().min(1).max(SURTEES_INDICATORS.length)),
});
export const factorCatalogueSchema = z
  .array(factorDefinitionSchema)
  .refine((list) => new Set(list.map((f) => f.code)).size === list.length, 'factor codes are unique');
export type FactorDefinition = z.infer<typeof factorDefinitionSchema>;

export interface RecordedFactor {
  code: string;
  group: FactorGroup;
  level: EcologicalLevel;
  valence: Valence;
  note?: string;
}

/** A text of locales/<language>/outcomes.json in every language that has it. */
const T = (key: string): Labels => labelsFor('outcomes', key) as Labels;
const f = (
  code: string,
  group: FactorGroup,
  defaultLevel: EcologicalLevel,
  surtees: number[],
  label: Labels,
): FactorDefinition => ({ code, group, defaultLevel, surtees, label });

/** Seed catalogue drawn from 001 ch. 5. */
export const DEFAULT_FACTOR_CATALOGUE: FactorDefinition[] = factorCatalogueSchema.parse([
  f(
    'family_background',
    'background',
    'micro',
    [6, 7, 14],
    T('factors.default_factor_catalogue.family_background.label'),
  ),
  f(
    'vulnerable_community',
    'background',
    'macro',
    [6, 11],
    T('factors.default_factor_catalogue.vulnerable_community.label'),
  ),
  f(
    'education_employment_history',
    'background',
    'micro',
    [3, 4],
    T('factors.default_factor_catalogue.education_employment_history.label'),
  ),
  f('migration_path', 'background', 'meso', [2, 5], T('factors.default_factor_catalogue.migration_path.label')),
  f(
    'trafficker_relation',
    'trafficking_experience',
    'micro',
    [5, 6],
    T('factors.default_factor_catalogue.trafficker_relation.label'),
  ),
  f('severity', 'trafficking_experience', 'micro', [9, 10], T('factors.default_factor_catalogue.severity.label')),
  f('identification', 'institutions', 'meso', [5, 11], T('factors.default_factor_catalogue.identification.label')),
  f(
    'trusted_provider_relationship',
    'institutions',
    'meso',
    [7, 11, 12],
    T('factors.default_factor_catalogue.trusted_provider_relationship.label'),
  ),
  f(
    'institutional_coordination',
    'institutions',
    'meso',
    [11],
    T('factors.default_factor_catalogue.institutional_coordination.label'),
  ),
  f(
    'criminal_proceedings',
    'institutions',
    'macro',
    [2, 5, 13],
    T('factors.default_factor_catalogue.criminal_proceedings.label'),
  ),
  f(
    'funding_and_policy',
    'institutions',
    'macro',
    [11],
    T('factors.default_factor_catalogue.funding_and_policy.label'),
  ),
  f('employment', 'economic', 'micro', [3, 8], T('factors.default_factor_catalogue.employment.label')),
  f('housing', 'economic', 'micro', [1], T('factors.default_factor_catalogue.housing.label')),
  f('economic_crisis', 'economic', 'macro', [3, 8], T('factors.default_factor_catalogue.economic_crisis.label')),
  f('compensation', 'economic', 'meso', [8, 13], T('factors.default_factor_catalogue.compensation.label')),
  f('motivation_agency', 'personal', 'micro', [12], T('factors.default_factor_catalogue.motivation_agency.label')),
  f('coping', 'personal', 'micro', [10], T('factors.default_factor_catalogue.coping.label')),
  f('health', 'personal', 'micro', [9, 10], T('factors.default_factor_catalogue.health.label')),
  f('substance_use', 'personal', 'micro', [9, 10], T('factors.default_factor_catalogue.substance_use.label')),
  f('family_support', 'family_friends', 'micro', [7, 14], T('factors.default_factor_catalogue.family_support.label')),
  f('children', 'family_friends', 'micro', [7, 12, 14], T('factors.default_factor_catalogue.children.label')),
  f('partner', 'family_friends', 'micro', [7, 8], T('factors.default_factor_catalogue.partner.label')),
  f('friends_network', 'family_friends', 'meso', [6, 7], T('factors.default_factor_catalogue.friends_network.label')),
  f('community_stigma', 'family_friends', 'meso', [5, 6], T('factors.default_factor_catalogue.community_stigma.label')),
]);

/** Validates a catalogue edited by an organisation; a duration factor is refused. */
export function parseFactorCatalogue(input: unknown): FactorDefinition[] {
  const parsed = factorCatalogueSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const duration = parsed.error.issues.some((i) => i.message.includes('duration'));
  throw new OutcomeError(
    duration ? 'duration_not_a_factor' : 'unknown_factor',
    'The factor catalogue is not valid',
    parsed.error.issues,
  );
}

/**
 * Validates a factor before it is recorded for a case: known code, group as in
 * the catalogue, level defaulting to the catalogue's. Duration is refused.
 */
export function recordFactor(
  input: { code: string; valence: Valence; level?: EcologicalLevel; note?: string },
  catalogue: readonly FactorDefinition[] = DEFAULT_FACTOR_CATALOGUE,
): RecordedFactor {
  if (isDuration(input.code))
    throw new OutcomeError(
      'duration_not_a_factor',
      'Duration is recorded with the trafficking experience; severity is the factor',
    );
  const definition = catalogue.find((d) => d.code === input.code);
  if (!definition) throw new OutcomeError('unknown_factor', `No factor ${input.code} in the catalogue`);
  return {
    code: definition.code,
    group: definition.group,
    level: input.level ?? definition.defaultLevel,
    valence: input.valence,
    ...(input.note ? { note: input.note } : {}),
  };
}

/** Surtees' indicators (numbers, 1–14) a factor bears on. */
export function indicatorsFor(
  code: string,
  catalogue: readonly FactorDefinition[] = DEFAULT_FACTOR_CATALOGUE,
): number[] {
  return catalogue.find((d) => d.code === code)?.surtees ?? [];
}

/** Recorded factors grouped by group, then valence: the shape of the factor panel. */
export function groupFactors(
  factors: readonly RecordedFactor[],
): Record<FactorGroup, { positive: RecordedFactor[]; negative: RecordedFactor[] }> {
  const out = Object.fromEntries(
    FACTOR_GROUPS.map((g) => [g, { positive: [] as RecordedFactor[], negative: [] as RecordedFactor[] }]),
  ) as Record<FactorGroup, { positive: RecordedFactor[]; negative: RecordedFactor[] }>;
  for (const factor of factors) out[factor.group][factor.valence].push(factor);
  return out;
}
