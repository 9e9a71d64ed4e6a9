/**
 * A report released under differential privacy: every count gets noise scaled
 * to how much one person can change the table, and the reader is told the
 * mechanism, epsilon and the ±95% range. No small-cell suppression is needed:
 * the noise is the protection, and rounding or flooring at zero is free post-processing.
 */
import { addNoise, noiseBound95, tableSensitivity, type NoiseMechanism } from './noise';
import type { Provenance, Report } from './report';

export interface PrivateReportOptions {
  mechanism: NoiseMechanism;
  epsilon: number;
  seed: string;
}

/** A noisy report: no exact person or fact counts in its provenance, and the privacy parameters stated. */
export type PrivateReport<K extends string = string> = Omit<Report<K>, 'provenance'> & {
  provenance: Omit<Provenance, 'factsConsidered' | 'personsCounted'>;
  privacy: { mechanism: NoiseMechanism; epsilon: number; sensitivity: number; bound95: number };
};

export function privateReport<K extends string>(report: Report<K>, options: PrivateReportOptions): PrivateReport<K> {
  const { table } = report;
  // A person in several categories of an overlapping dimension touches several cells: bound it by the category count.
  const maxCategories = Math.max(
    1,
    table.rowsAddUp && table.colsAddUp ? 1 : Math.max(table.rows.length, table.cols.length),
  );
  const sensitivity = tableSensitivity(table, maxCategories);
  const noisy = addNoise(table, { ...options, sensitivity });
  const bound95 = noiseBound95(options.mechanism, options.epsilon, sensitivity);
  const note =
    `Differential privacy: ${options.mechanism === 'geometric' ? 'two-sided geometric' : 'Laplace'} noise with epsilon ${options.epsilon} ` +
    `and L1 sensitivity ${sensitivity}; 95% of counts are within ±${bound95} of the true count; counts rounded and floored at zero. ` +
    'Released once and stored: asking again returns these numbers without spending more of the privacy budget.';
  return {
    ...report,
    table: noisy,
    // Exact counts of facts and persons would undo the noise.
    provenance: {
      ...withoutExactCounts(report.provenance),
      disclosureControl: [...(report.provenance.disclosureControl ?? []), note],
    },
    privacy: { mechanism: options.mechanism, epsilon: options.epsilon, sensitivity, bound95 },
  };
}

function withoutExactCounts<P extends { factsConsidered?: number; personsCounted?: number }>(
  provenance: P,
): Omit<P, 'factsConsidered' | 'personsCounted'> {
  const { factsConsidered: _facts, personsCounted: _persons, ...rest } = provenance;
  return rest;
}
