/**
 * Ariadne's fixed log-linear models against R's conting package (issue #21: "validate against conting where
 * models overlap"). fixtures/conting/conting-posteriors.R ran conting's bict() once on the reference tables:
 * the model held fixed (null.move.prob = 1, so the reversible jump never leaves it), a vague prior
 * (Sabanes-Bove & Held, b = 1e8) so the posterior follows the Poisson likelihood, the missing all-zero cell drawn
 * by data augmentation, 4 seeded chains. Its JSON files hold the posterior median and 2.5% / 97.5% quantiles
 * of the total; this test needs no R.
 *
 * Compared: Ariadne's maximum-likelihood estimate with the posterior median, and Ariadne's profile-likelihood
 * interval with the 95% posterior quantiles. They answer the same question by two routes (Bayesian, frequentist),
 * so they agree only up to the difference between a likelihood's maximum and the median of its normalised
 * shape, which is large where few persons are observed (the likelihood of N is skewed) and vanishes as the
 * counts grow. Hence the tolerances, on the log scale and as a share of the profile interval's log width w:
 *   - estimate against median within 0.15 w,
 *   - each interval limit within 0.35 w,
 *   - and on the Netherlands main-effects model (8,234 persons, a near-normal likelihood) within 2% and 3%,
 * each widened by three Monte Carlo standard errors (the spread of the chains' medians). conting's sampler mixes
 * slowly on the sparse tables (western A:E: chain medians 2,266 to 3,260), so there the test checks agreement
 * within the Bayesian-likelihood gap and the sampler's noise, not a sharp value: it does not tell the western
 * A:E model from main effects. On the Netherlands main effects it is sharp: an estimate 10% off fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { estimatePopulation } from './estimate';
import { FIXTURE_DIR, loadReference, type ReferenceName } from './fixtures';

interface ContingPosterior {
  table: ReferenceName;
  terms: string[];
  observed: number;
  median: number;
  lower: number;
  upper: number;
  chainMedians: number[];
}

const DIR = path.join(FIXTURE_DIR, 'conting');
const POSTERIORS: ContingPosterior[] = fs
  .readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as ContingPosterior);

/** Monte Carlo standard error of the posterior median, on the log scale, from the chains' own medians. */
function logMcse(p: ContingPosterior): number {
  const logs = p.chainMedians.map(Math.log);
  const mean = logs.reduce((s, v) => s + v, 0) / logs.length;
  const variance = logs.reduce((s, v) => s + (v - mean) ** 2, 0) / (logs.length - 1);
  return Math.sqrt(variance / logs.length);
}

const logGap = (a: number, b: number) => Math.abs(Math.log(a / b));

describe('fixed log-linear models agree with the conting posterior', () => {
  test('every model of the R script has its reference file', () => {
    expect(POSTERIORS.map((p) => `${p.table}:${p.terms.length}`)).toEqual([
      'artificial_3:0',
      'ned_5:0',
      'ned_5:5',
      'neworl_5:0',
      'western:0',
      'western:1',
    ]);
  });

  test.each(POSTERIORS.map((p) => [`${p.table} ${p.terms.join(',') || 'main effects'}`, p] as const))(
    '%s',
    async (_, posterior) => {
      const result = await estimatePopulation(loadReference(posterior.table), {
        method: 'fixed',
        terms: posterior.terms,
      });
      expect(result.observed).toBe(posterior.observed);
      expect(result.terms).toEqual(posterior.terms);
      const [low, high] = result.interval.profile!;
      const width = Math.log(high / low);
      const mc = 3 * logMcse(posterior);
      const large = posterior.table === 'ned_5' && posterior.terms.length === 0;
      const estimateTolerance = (large ? Math.log(1.02) : 0.15 * width) + mc;
      const limitTolerance = (large ? Math.log(1.03) : 0.35 * width) + mc;
      expect(logGap(result.estimate, posterior.median)).toBeLessThanOrEqual(estimateTolerance);
      expect(logGap(low, posterior.lower)).toBeLessThanOrEqual(limitTolerance);
      expect(logGap(high, posterior.upper)).toBeLessThanOrEqual(limitTolerance);
    },
  );
});
