/**
 * Person-based aggregate reports. A report is about ONE counted population and
 * says what it counts; there is deliberately no function that adds reports.
 */
import { DomainError } from '../errors';
import { assertDistinctPersons, type PersonFact } from './facts';
import { categoriesFor, DIMENSIONS, UNKNOWN, type DimensionKey } from './dimensions';
import { inPopulation, type Population } from './populations';
import type { CountTable } from './table';

export interface Period {
  /** First and last year of first identification, inclusive. */
  from: number;
  to: number;
}

export interface Scope {
  /** Who the data come from, e.g. a network or an organisation. */
  description: string;
  networkId?: string;
  organisationIds?: string[];
  geography?: string;
}

export interface Provenance {
  /** ISO timestamp supplied by the caller (the module does not read the clock). */
  generatedAt: string;
  source: string;
  /** Facts given, and persons of the population within the period. */
  factsConsidered: number;
  personsCounted: number;
  deduplication: 'persons deduplicated upstream; one fact per person';
  disclosureControl?: string[];
}

export interface Report<K extends string = string> {
  counts: 'persons';
  population: K;
  populationKind: Population['kind'];
  definition: string;
  period: Period;
  scope: Scope;
  provenance: Provenance;
  rowDimension: DimensionKey;
  colDimension: DimensionKey;
  /** Reading notes that travel with the numbers (e.g. overlapping rows). */
  notes: string[];
  table: CountTable;
}

export interface TabulateOptions {
  period: Period;
  scope: Scope;
  generatedAt: string;
  source?: string;
  /** Fixed category lists per dimension, so empty categories are shown as 0. */
  categories?: Partial<Record<DimensionKey, readonly string[]>>;
  /** Categories fixed in advance, never taken from the data (differential privacy); values outside count as "unknown". */
  closedCategories?: boolean;
}

function overlapNote(key: DimensionKey, axis: 'Rows' | 'Columns'): string {
  return `${axis} (${key}) overlap: one person can be in several categories, so the ${axis.toLowerCase()} do not add up; totals are distinct persons, not the sum of the ${axis.toLowerCase()}.`;
}

/**
 * Counts distinct persons of one population by two dimensions, with margins.
 * @example crossTabulate(facts, POPULATIONS.assisted_persons, 'ageBand', 'sex', { period: { from: 2024, to: 2024 }, scope, generatedAt })
 */
export function crossTabulate<K extends string>(
  facts: readonly PersonFact[],
  population: Population<K>,
  rowDimension: DimensionKey,
  colDimension: DimensionKey,
  options: TabulateOptions,
): Report<K> {
  // Guards JS callers too: one population per report, never a list to be summed.
  if (Array.isArray(population) || !population?.statuses)
    throw new DomainError('one_population', 'A report counts exactly one population');
  assertDistinctPersons(facts);
  const { period } = options;
  const counted = facts.filter(
    (f) =>
      inPopulation(population, f.status) && f.yearFirstIdentified >= period.from && f.yearFirstIdentified <= period.to,
  );
  const rowDim = DIMENSIONS[rowDimension];
  const colDim = DIMENSIONS[colDimension];
  const closed = options.closedCategories ?? false;
  const rows = categoriesFor(rowDimension, counted, options.categories?.[rowDimension], period, closed);
  const cols = categoriesFor(colDimension, counted, options.categories?.[colDimension], period, closed);
  const rowIndex = new Map(rows.map((v, i) => [v, i]));
  const colIndex = new Map(cols.map((v, i) => [v, i]));
  const cells = rows.map(() => cols.map(() => 0));
  const rowTotals = rows.map(() => 0);
  const colTotals = cols.map(() => 0);
  for (const fact of counted) {
    // Sets: a person adds one to each cell, row and column they belong to, never more.
    const rs = [...new Set(rowDim.valuesOf(fact).map((v) => rowIndex.get(v) ?? rowIndex.get(UNKNOWN)!))];
    const cs = [...new Set(colDim.valuesOf(fact).map((v) => colIndex.get(v) ?? colIndex.get(UNKNOWN)!))];
    for (const r of rs) rowTotals[r] += 1;
    for (const c of cs) colTotals[c] += 1;
    for (const r of rs) for (const c of cs) cells[r][c] += 1;
  }
  const notes: string[] = [];
  if (rowDim.multiValued) notes.push(overlapNote(rowDimension, 'Rows'));
  if (colDim.multiValued) notes.push(overlapNote(colDimension, 'Columns'));
  if (population.kind === 'separate')
    notes.push('Not a trafficking figure: this population is kept apart from trafficking and must not be added to it.');
  return {
    counts: 'persons',
    population: population.key,
    populationKind: population.kind,
    definition: population.definition,
    period,
    scope: options.scope,
    provenance: {
      generatedAt: options.generatedAt,
      source: options.source ?? 'Ariadne person-level facts',
      factsConsidered: facts.length,
      personsCounted: counted.length,
      deduplication: 'persons deduplicated upstream; one fact per person',
    },
    rowDimension,
    colDimension,
    notes,
    table: {
      rows,
      cols,
      cells,
      rowTotals,
      colTotals,
      grandTotal: counted.length,
      rowsAddUp: !colDim.multiValued,
      colsAddUp: !rowDim.multiValued,
    },
  };
}

/** A one-way table: persons of one population by one dimension (a single "all" column). */
export function tabulate<K extends string>(
  facts: readonly PersonFact[],
  population: Population<K>,
  dimension: DimensionKey,
  options: TabulateOptions,
): Report<K> {
  return crossTabulate(facts, population, dimension, 'all', options);
}
