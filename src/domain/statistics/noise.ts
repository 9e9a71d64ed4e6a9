/**
 * Differential privacy for count tables: two-sided geometric (discrete
 * Laplace) or Laplace noise on each interior cell, then post-processing to
 * non-negative integers. Margins that must add up are recomputed from the
 * noisy cells (free post-processing); margins of overlapping categories get their own noise.
 */
import { seededPrng, type Prng } from './prng';
import type { CountTable } from './table';

export type NoiseMechanism = 'geometric' | 'laplace';

export interface NoiseOptions {
  mechanism: NoiseMechanism;
  /** Privacy loss of this release. */
  epsilon: number;
  /** L1 sensitivity: how much all noised counts together change when one person is added or removed. */
  sensitivity: number;
  /** Secret seed; the same seed reproduces the same noise. */
  seed: string;
}

/** Two-sided geometric: P(k) ∝ alpha^|k| with alpha = exp(-epsilon/sensitivity). Integer-valued. */
export function sampleGeometric(rng: Prng, alpha: number): number {
  // Difference of two one-sided geometric variables is two-sided geometric.
  const oneSided = () => Math.floor(Math.log(1 - rng.next()) / Math.log(alpha));
  return alpha === 0 ? 0 : oneSided() - oneSided();
}

/** Laplace with scale b, by inverse transform. */
export function sampleLaplace(rng: Prng, scale: number): number {
  let u = rng.next() - 0.5;
  while (u === -0.5) u = rng.next() - 0.5; // log(0) otherwise
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/**
 * The L1 sensitivity of the noised counts of a table: one person changes one cell per
 * category they hold on each axis, plus every margin that is noised rather than recomputed.
 * @param maxCategories the most categories one person can hold on a multi-valued dimension
 */
export function tableSensitivity(table: Pick<CountTable, 'rowsAddUp' | 'colsAddUp'>, maxCategories = 1): number {
  const rowsPerPerson = table.colsAddUp ? 1 : maxCategories;
  const colsPerPerson = table.rowsAddUp ? 1 : maxCategories;
  const cells = rowsPerPerson * colsPerPerson;
  const noisedRowTotals = table.rowsAddUp ? 0 : rowsPerPerson;
  const noisedColTotals = table.colsAddUp ? 0 : colsPerPerson;
  const noisedGrand = table.rowsAddUp || table.colsAddUp ? 0 : 1;
  return cells + noisedRowTotals + noisedColTotals + noisedGrand;
}

/**
 * A noisy copy of the table; deterministic given the seed.
 * @example addNoise(report.table, { mechanism: 'geometric', epsilon: 0.5, sensitivity: 1, seed })
 */
export function addNoise(table: CountTable, options: NoiseOptions): CountTable {
  const { epsilon, sensitivity } = options;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError('epsilon must be a positive number');
  if (!(sensitivity > 0) || !Number.isFinite(sensitivity))
    throw new RangeError('sensitivity must be a positive number');
  const rng = seededPrng(options.seed);
  const draw =
    options.mechanism === 'geometric'
      ? () => sampleGeometric(rng, Math.exp(-epsilon / sensitivity))
      : () => sampleLaplace(rng, sensitivity / epsilon);
  // Rounding and clamping after the mechanism are post-processing and cost no privacy.
  const noisy = (value: number) => Math.max(0, Math.round(value + draw()));
  const cells = table.cells.map((row) => row.map(noisy));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rowTotals = table.rowsAddUp ? cells.map(sum) : table.rowTotals.map(noisy);
  const colTotals = table.colsAddUp
    ? table.cols.map((_, c) => sum(cells.map((row) => row[c])))
    : table.colTotals.map(noisy);
  // Disjoint rows (single-valued row dimension) add up to the grand total; likewise columns.
  const grandTotal = table.colsAddUp ? sum(rowTotals) : table.rowsAddUp ? sum(colTotals) : noisy(table.grandTotal);
  return { ...table, cells, rowTotals, colTotals, grandTotal };
}

/**
 * The half-width k such that the noise added to one count is within ±k with at
 * least 95% probability: what a reader needs to judge a noisy number.
 */
export function noiseBound95(mechanism: NoiseMechanism, epsilon: number, sensitivity: number): number {
  if (mechanism === 'laplace') return Math.ceil((sensitivity / epsilon) * Math.log(20));
  // Two-sided geometric: P(|X| > k) = 2·alpha^(k+1) / (1 + alpha).
  const alpha = Math.exp(-epsilon / sensitivity);
  let k = 0;
  while ((2 * alpha ** (k + 1)) / (1 + alpha) > 0.05) k++;
  return k;
}
