/**
 * Counted populations. A report counts exactly one population; trafficking
 * categories and the separately flagged ones (irregular migration, smuggling,
 * sex work) can never share a population, so they can never be summed (003:69).
 */

import { DomainError } from '../errors';

export const TRAFFICKING_STATUSES = [
  'potential_victim',
  'determined_victim_org',
  'determined_victim_authority',
  'assisted',
] as const;
export type TraffickingStatus = (typeof TRAFFICKING_STATUSES)[number];

/** Categories kept apart from trafficking: never merged, never summed with it. */
export const SEPARATE_STATUSES = ['irregular_migration', 'smuggling', 'sex_work'] as const;
export type SeparateStatus = (typeof SEPARATE_STATUSES)[number];

export type PersonStatus = TraffickingStatus | SeparateStatus;

/** A population of trafficked persons: one or more trafficking statuses, each person once. */
export interface TraffickingPopulation<K extends string = string> {
  key: K;
  kind: 'trafficking';
  statuses: readonly TraffickingStatus[];
  definition: string;
}

/** A separately flagged population: exactly one status, never combined. */
export interface SeparatePopulation<K extends string = string> {
  key: K;
  kind: 'separate';
  statuses: readonly [SeparateStatus];
  definition: string;
}

export type Population<K extends string = string> = TraffickingPopulation<K> | SeparatePopulation<K>;

/**
 * Declares a population; the types refuse a separate status inside a trafficking one.
 * @example definePopulation({ key: 'identified', kind: 'trafficking', statuses: ['potential_victim', 'determined_victim_org'], definition: '...' })
 */
export function definePopulation<K extends string>(population: Population<K>): Population<K> {
  const allowed: readonly string[] = population.kind === 'trafficking' ? TRAFFICKING_STATUSES : SEPARATE_STATUSES;
  if (population.statuses.length === 0)
    throw new DomainError('invalid_population', `Population ${population.key} has no status`);
  for (const status of population.statuses) {
    // Runtime twin of the type rule, for populations built from configuration.
    if (!allowed.includes(status))
      throw new DomainError('invalid_population', `Status ${status} cannot belong to a ${population.kind} population`);
  }
  if (population.kind === 'separate' && population.statuses.length !== 1)
    throw new DomainError('invalid_population', 'A separate population has exactly one status');
  return population;
}

/** The standard populations the product reports on. */
export const POPULATIONS = {
  potential_victims: definePopulation({
    key: 'potential_victims',
    kind: 'trafficking',
    statuses: ['potential_victim'],
    definition:
      'Persons identified as potential (presumed) victims of trafficking whose status has not been determined.',
  }),
  determined_victims_org: definePopulation({
    key: 'determined_victims_org',
    kind: 'trafficking',
    statuses: ['determined_victim_org'],
    definition:
      'Persons determined to be victims of trafficking by a specialised organisation, not by a competent authority.',
  }),
  determined_victims_authority: definePopulation({
    key: 'determined_victims_authority',
    kind: 'trafficking',
    statuses: ['determined_victim_authority'],
    definition: 'Persons formally determined to be victims of trafficking by a competent authority.',
  }),
  determined_victims: definePopulation({
    key: 'determined_victims',
    kind: 'trafficking',
    statuses: ['determined_victim_org', 'determined_victim_authority'],
    definition:
      'Persons determined to be victims of trafficking by a specialised organisation or a competent authority, each person counted once.',
  }),
  assisted_persons: definePopulation({
    key: 'assisted_persons',
    kind: 'trafficking',
    statuses: ['assisted'],
    definition: 'Trafficked persons who received assistance in a programme.',
  }),
  irregular_migration: definePopulation({
    key: 'irregular_migration',
    kind: 'separate',
    statuses: ['irregular_migration'],
    definition: 'Persons recorded as irregular migrants. Not a trafficking figure.',
  }),
  smuggling: definePopulation({
    key: 'smuggling',
    kind: 'separate',
    statuses: ['smuggling'],
    definition: 'Persons recorded as smuggled (consensual procurement of illegal entry). Not a trafficking figure.',
  }),
  sex_work: definePopulation({
    key: 'sex_work',
    kind: 'separate',
    statuses: ['sex_work'],
    definition: 'Persons recorded as voluntary sex workers. Not a trafficking figure.',
  }),
} as const;

export type StandardPopulationKey = keyof typeof POPULATIONS;

/** Whether a person with this status belongs to the population. */
export function inPopulation(population: Population, status: PersonStatus): boolean {
  return (population.statuses as readonly PersonStatus[]).includes(status);
}
