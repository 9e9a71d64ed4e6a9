/**
 * Validation and cost of the latent-class estimator (LCMCR, issue #21): the coverage of its 95% credible
 * interval over simulated populations with known heterogeneity (two latent classes), beside the
 * log-linear independence model's Wald interval, and the time of one LCMCR fit as a ratio to one
 * independence log-linear fit measured in the same run.
 * Run: npx tsx bench/mse-lcmcr.ts [simulations=200] [samples=500] [burnIn=500] [thin=3]
 */
import { estimateLcmcr, type LcmcrOptions } from '../src/domain/mse/lcmcr';
import {
  coverageStudy,
  describeCoverage,
  independenceInterval,
  simulateTwoClasses,
} from '../src/domain/mse/lcmcr-simulate';
import { mulberry32 } from '../src/domain/shared/random';

const [runs = 200, samples = 500, burnIn = 500, thin = 3] = process.argv.slice(2).map(Number);
const options: LcmcrOptions = { samples, burnIn, thin, chains: 2, maxClasses: 10 };

function cpuMs(fn: () => void, repeats: number): number {
  fn();
  const start = process.cpuUsage();
  for (let i = 0; i < repeats; i += 1) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / repeats;
}

const cells = simulateTwoClasses(mulberry32(1));
const baseline = cpuMs(() => independenceInterval(cells), 50);
const fit = cpuMs(() => estimateLcmcr(cells, options), 2);
console.log(
  `one LCMCR fit (${options.chains} chains x ${burnIn + samples * thin} iterations): ${fit.toFixed(0)} ms CPU, ` +
    `${(fit / baseline).toFixed(0)}x one independence log-linear fit (${baseline.toFixed(2)} ms CPU)`,
);
const report = coverageStudy(runs, options, 20161, (done, r) => {
  if (done % 20 === 0)
    console.error(
      `${done}/${runs}: LCMCR ${(100 * r.lcmcr).toFixed(1)}%, independence ${(100 * r.independence).toFixed(1)}%`,
    );
});
console.log(`LCMCR coverage ${describeCoverage(report, options)}`);
