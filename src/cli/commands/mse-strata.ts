/**
 * `ariadne mse <file> --stratify-by <column>`: one estimate per stratum of a capture-history CSV with a
 * stratum column, the combined total (their sum) and its interval, with strata below the disclosure floor
 * (and their complements) hidden as the API hides them. --json prints what GET /api/mse/jobs/{id} returns
 * as `strata`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MseMethod } from '../../domain/mse';
import { MseInputError } from '../../domain/mse/errors';
import type { PublishedStrata } from '../../domain/mse/strata';

export interface StrataCommandOptions {
  json?: boolean;
  stratifyBy: string;
  floor: number;
  method: MseMethod;
  terms?: string[];
  threshold: number;
  replicates: number;
  seed: number;
}

const round = (value: number | null) => (value === null || !Number.isFinite(value) ? 'unbounded' : Math.round(value));

/** The readable summary printed without --json. */
export function formatStrataSummary(p: PublishedStrata): string {
  const percent = Math.round(p.level * 100);
  const lines = [`Strata by ${p.by} (strata below ${p.floor} persons hidden, with complements):`];
  for (const s of p.strata) {
    if (s.suppressed !== false) {
      lines.push(`  ${s.name}: hidden (${s.suppressed})`);
      continue;
    }
    if (s.estimate === null) {
      lines.push(`  ${s.name}: ${s.observed} observed, no estimate (${s.error ?? 'unknown'})`);
      continue;
    }
    const [lo, hi] = s.interval ?? [null, null];
    lines.push(
      `  ${s.name}: ${s.observed} observed, estimate ${round(s.estimate)} (${percent}% ${s.intervalMethod === 'wald' ? 'Wald' : 'percentile bootstrap'} ${round(lo)}–${round(hi)})`,
    );
  }
  const c = p.combined;
  if (!c) lines.push('Combined: hidden (everyone together is below the floor)');
  else if (c.estimate === null) lines.push(`Combined: ${c.observed} observed, no total (a stratum has no estimate)`);
  else {
    const [lo, hi] = c.interval ?? [null, null];
    const how =
      c.intervalMethod === 'summed_bootstrap_replicates'
        ? `stratum bootstrap replicates summed, ${c.replicates} replicates, ${c.failed} unbounded`
        : 'normal approximation, stratum Wald variances summed';
    lines.push(
      `Combined: ${c.observed} observed, estimate ${round(c.estimate)} (${percent}% ${round(lo)}–${round(hi)}; ${how})`,
    );
  }
  return lines.join('\n');
}

export async function runStrataCommand(file: string, opts: StrataCommandOptions): Promise<void> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.txt')
    throw new MseInputError(
      'invalid_file',
      `--stratify-by reads a .csv file with a stratum column, not "${extension || file}".`,
    );
  const [{ loadGlpk }, { captureStrataFromCsv, estimateStrata, publishStrata }, { presentStrata }] = await Promise.all([
    import('../../domain/mse/lp'),
    import('../../domain/mse/strata'),
    import('../../server/presenters/mse-jobs'),
  ]);
  const strata = captureStrataFromCsv(await fs.readFile(file, 'utf8'), opts.stratifyBy);
  const result = estimateStrata(await loadGlpk(), opts.stratifyBy, strata, {
    method: opts.method,
    pThreshold: opts.threshold,
    ...(opts.terms ? { terms: opts.terms } : {}),
    ...(opts.replicates > 0 ? { bootstrap: { replicates: opts.replicates, seed: opts.seed } } : {}),
  });
  const published = publishStrata(result, opts.floor);
  process.stdout.write(
    (opts.json ? JSON.stringify(presentStrata(published), null, 2) : formatStrataSummary(published)) + '\n',
  );
}
