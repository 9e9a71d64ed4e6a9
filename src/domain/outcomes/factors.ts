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

export const FACTOR_GROUPS = ['background', 'trafficking_experience', 'institutions', 'economic', 'personal', 'family_friends'] as const;
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
export const factorCatalogueSchema = z.array(factorDefinitionSchema).refine((list) => new Set(list.map((f) => f.code)).size === list.length, 'factor codes are unique');
export type FactorDefinition = z.infer<typeof factorDefinitionSchema>;

export interface RecordedFactor {
  code: string;
  group: FactorGroup;
  level: EcologicalLevel;
  valence: Valence;
  note?: string;
}

const L = (en: string, fr: string, it: string, sk: string): Labels => ({ en, fr, it, sk });
const f = (code: string, group: FactorGroup, defaultLevel: EcologicalLevel, surtees: number[], label: Labels): FactorDefinition => ({ code, group, defaultLevel, surtees, label });

/** Seed catalogue drawn from 001 ch. 5. */
export const DEFAULT_FACTOR_CATALOGUE: FactorDefinition[] = factorCatalogueSchema.parse([
  f('family_background', 'background', 'micro', [6, 7, 14], L('Family background', 'Milieu familial', 'Contesto familiare', 'Rodinné zázemie')),
  f('vulnerable_community', 'background', 'macro', [6, 11], L('Belonging to a vulnerable community', 'Appartenance à une communauté vulnérable', 'Appartenenza a una comunità vulnerabile', 'Príslušnosť k zraniteľnej komunite')),
  f('education_employment_history', 'background', 'micro', [3, 4], L('Education and employment history', 'Parcours scolaire et professionnel', 'Percorso di studi e di lavoro', 'Vzdelanie a pracovná história')),
  f('migration_path', 'background', 'meso', [2, 5], L('Path of migration', 'Parcours migratoire', 'Percorso migratorio', 'Migračná cesta')),
  f('trafficker_relation', 'trafficking_experience', 'micro', [5, 6], L('Who the trafficker was', 'Qui était le trafiquant', 'Chi era il trafficante', 'Kto bol obchodník')),
  f('severity', 'trafficking_experience', 'micro', [9, 10], L('Severity of the experience', 'Gravité de l’expérience', 'Gravità dell’esperienza', 'Závažnosť skúsenosti')),
  f('identification', 'institutions', 'meso', [5, 11], L('How identification was conducted', 'Déroulement de l’identification', 'Modalità dell’identificazione', 'Priebeh identifikácie')),
  f('trusted_provider_relationship', 'institutions', 'meso', [7, 11, 12], L('Relationship of trust with a service provider', 'Relation de confiance avec un intervenant', 'Rapporto di fiducia con un operatore', 'Dôverný vzťah s poskytovateľom služieb')),
  f('institutional_coordination', 'institutions', 'meso', [11], L('Coordination between institutions', 'Coordination entre institutions', 'Coordinamento tra istituzioni', 'Koordinácia medzi inštitúciami')),
  f('criminal_proceedings', 'institutions', 'macro', [2, 5, 13], L('Criminal proceedings and testimony', 'Procédure pénale et témoignage', 'Procedimento penale e testimonianza', 'Trestné konanie a svedectvo')),
  f('funding_and_policy', 'institutions', 'macro', [11], L('Funding, policy and corruption', 'Financement, politiques et corruption', 'Finanziamenti, politiche e corruzione', 'Financovanie, politiky a korupcia')),
  f('employment', 'economic', 'micro', [3, 8], L('Employment', 'Emploi', 'Lavoro', 'Zamestnanie')),
  f('housing', 'economic', 'micro', [1], L('Housing', 'Logement', 'Alloggio', 'Bývanie')),
  f('economic_crisis', 'economic', 'macro', [3, 8], L('Economic or political crisis', 'Crise économique ou politique', 'Crisi economica o politica', 'Hospodárska alebo politická kríza')),
  f('compensation', 'economic', 'meso', [8, 13], L('Financial compensation', 'Indemnisation financière', 'Risarcimento economico', 'Finančné odškodnenie')),
  f('motivation_agency', 'personal', 'micro', [12], L('Motivation and agency', 'Motivation et capacité d’agir', 'Motivazione e capacità di agire', 'Motivácia a schopnosť konať')),
  f('coping', 'personal', 'micro', [10], L('Coping (approach or avoidance)', 'Stratégies d’adaptation (approche ou évitement)', 'Strategie di coping (approccio o evitamento)', 'Zvládanie (približovanie alebo vyhýbanie)')),
  f('health', 'personal', 'micro', [9, 10], L('Physical and mental health', 'Santé physique et mentale', 'Salute fisica e mentale', 'Telesné a duševné zdravie')),
  f('substance_use', 'personal', 'micro', [9, 10], L('Substance use', 'Consommation de substances', 'Uso di sostanze', 'Užívanie návykových látok')),
  f('family_support', 'family_friends', 'micro', [7, 14], L('Family support and acceptance', 'Soutien et acceptation de la famille', 'Sostegno e accettazione della famiglia', 'Podpora a prijatie rodinou')),
  f('children', 'family_friends', 'micro', [7, 12, 14], L('Children', 'Enfants', 'Figli', 'Deti')),
  f('partner', 'family_friends', 'micro', [7, 8], L('Partner', 'Partenaire', 'Partner', 'Partner')),
  f('friends_network', 'family_friends', 'meso', [6, 7], L('Friends and support network', 'Amis et réseau de soutien', 'Amici e rete di sostegno', 'Priatelia a podporná sieť')),
  f('community_stigma', 'family_friends', 'meso', [5, 6], L('Stigma in the community', 'Stigmatisation dans la communauté', 'Stigma nella comunità', 'Stigmatizácia v komunite')),
]);

/** Validates a catalogue edited by an organisation; a duration factor is refused. */
export function parseFactorCatalogue(input: unknown): FactorDefinition[] {
  const parsed = factorCatalogueSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const duration = parsed.error.issues.some((i) => i.message.includes('duration'));
  throw new OutcomeError(duration ? 'duration_not_a_factor' : 'unknown_factor', 'The factor catalogue is not valid', parsed.error.issues);
}

/**
 * Validates a factor before it is recorded for a case: known code, group as in
 * the catalogue, level defaulting to the catalogue's. Duration is refused.
 */
export function recordFactor(
  input: { code: string; valence: Valence; level?: EcologicalLevel; note?: string },
  catalogue: readonly FactorDefinition[] = DEFAULT_FACTOR_CATALOGUE,
): RecordedFactor {
  if (isDuration(input.code)) throw new OutcomeError('duration_not_a_factor', 'Duration is recorded with the trafficking experience; severity is the factor');
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
export function indicatorsFor(code: string, catalogue: readonly FactorDefinition[] = DEFAULT_FACTOR_CATALOGUE): number[] {
  return catalogue.find((d) => d.code === code)?.surtees ?? [];
}

/** Recorded factors grouped by group, then valence: the shape of the factor panel. */
export function groupFactors(factors: readonly RecordedFactor[]): Record<FactorGroup, { positive: RecordedFactor[]; negative: RecordedFactor[] }> {
  const out = Object.fromEntries(FACTOR_GROUPS.map((g) => [g, { positive: [] as RecordedFactor[], negative: [] as RecordedFactor[] }])) as Record<FactorGroup, { positive: RecordedFactor[]; negative: RecordedFactor[] }>;
  for (const factor of factors) out[factor.group][factor.valence].push(factor);
  return out;
}
