/**
 * Report dimensions: how a person fact maps to categories. Multi-valued
 * dimensions (forms of exploitation) put one person in several categories,
 * so their categories overlap and do not add up to the total.
 */
import { DomainError } from '../errors';
import { AGE_BANDS, type PersonFact } from './facts';

export const UNKNOWN = 'unknown';

export const DIMENSION_KEYS = [
  'year',
  'sex',
  'ageBand',
  'citizenship',
  'formOfExploitation',
  'identificationChannel',
  'programmeType',
  'outcome',
  'all',
] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

export interface Dimension {
  key: DimensionKey;
  /** True when one person can fall in several categories. */
  multiValued: boolean;
  /** The categories of one person; never empty (missing → "unknown"). */
  valuesOf(fact: PersonFact): string[];
}

const single = (key: DimensionKey, pick: (f: PersonFact) => string | number | null): Dimension => ({
  key,
  multiValued: false,
  valuesOf: (f) => {
    const v = pick(f);
    return [v === null || v === '' ? UNKNOWN : String(v)];
  },
});

export const DIMENSIONS: Record<DimensionKey, Dimension> = {
  year: single('year', (f) => f.yearFirstIdentified),
  sex: single('sex', (f) => f.sex),
  ageBand: single('ageBand', (f) => f.ageBand),
  citizenship: single('citizenship', (f) => f.citizenship?.toUpperCase() ?? null),
  identificationChannel: single('identificationChannel', (f) => f.identificationChannel),
  programmeType: single('programmeType', (f) => f.programmeType),
  outcome: single('outcome', (f) => f.outcome),
  /** A single category holding everyone: turns a cross-tabulation into a one-way table. */
  all: single('all', () => 'all'),
  formOfExploitation: {
    key: 'formOfExploitation',
    multiValued: true,
    valuesOf: (f) => (f.formsOfExploitation.length === 0 ? [UNKNOWN] : [...new Set(f.formsOfExploitation)]),
  },
};

/**
 * The categories of a dimension in display order: the fixed list when given
 * (so empty categories show as 0), else the observed ones sorted, "unknown" last.
 * Closed lists (for differentially private releases) never depend on the data:
 * the fixed list plus "unknown", which then also holds values outside the list.
 */
export function categoriesFor(
  key: DimensionKey,
  facts: readonly PersonFact[],
  fixed?: readonly string[],
  period?: { from: number; to: number },
  closed = false,
): string[] {
  let base: string[];
  if (fixed) base = [...fixed];
  else if (key === 'ageBand') base = [...AGE_BANDS];
  else if (key === 'year' && period)
    base = Array.from({ length: period.to - period.from + 1 }, (_, i) => String(period.from + i));
  else if (key === 'all') base = ['all'];
  else if (closed)
    throw new DomainError(
      'open_categories',
      `The categories of ${key} come from the data itself, which would reveal that such a person exists; choose another dimension for a private release`,
    );
  else base = [];
  if (closed) return key === 'all' || key === 'year' ? base : [...base.filter((c) => c !== UNKNOWN), UNKNOWN];
  const observed = new Set(facts.flatMap((f) => DIMENSIONS[key].valuesOf(f)));
  if (!fixed && base.length === 0) base = [...observed].filter((c) => c !== UNKNOWN).sort();
  // Observed categories outside a fixed list still count: dropping them would undercount.
  for (const c of observed) if (!base.includes(c) && c !== UNKNOWN) base.push(c);
  if (observed.has(UNKNOWN) && !base.includes(UNKNOWN)) base.push(UNKNOWN);
  return base;
}
