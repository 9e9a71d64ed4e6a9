/**
 * Linkage error propagated into the MSE interval (issue #21): on populations simulated with a known size,
 * linked with calibrated match probabilities, the interval that redraws the links covers the true size
 * more often than the one that takes the decided linkage as certain.
 */
import { describe, expect, test } from 'vitest';
import { mulberry32, type Uniform } from '../shared/random';
import { replicateTotal } from './estimate';
import {
  compileLinkage,
  countsOfLinkage,
  decidedCounts,
  drawCompiled,
  linkageErrorInterval,
  linkageResamples,
  type CandidateLink,
  type LinkageUncertainty,
} from './linkage-error';
import { loadGlpk } from './lp';

/** Chapman's two-list estimate of cell counts indexed by bitmask (01, 10, 11). */
const chapman = (counts: Float64Array) =>
  ((counts[1] + counts[3] + 1) * (counts[2] + counts[3] + 1)) / (counts[3] + 1) - 1;

/**
 * `total` persons caught independently by each list; each person's records are chained by true links.
 * A share of the true links is uncertain (probability `p`), and false candidate pairs between records of
 * different persons are added with the same probability, as many as make `p` calibrated (a share p of
 * the pairs at p are true). A second band below the decision threshold works the same way at `1 - p`.
 */
function simulate(
  total: number,
  probabilities: readonly number[],
  random: Uniform,
  uncertain = { share: 0.3, p: 0.7 },
): LinkageUncertainty {
  const records: number[] = [];
  const owner: number[] = [];
  const links: CandidateLink[] = [];
  const bands = [uncertain.p, 1 - uncertain.p];
  const inBand = [0, 0];
  for (let person = 0; person < total; person += 1) {
    let previous = -1;
    probabilities.forEach((p, list) => {
      if (random() >= p) return;
      records.push(1 << list);
      owner.push(person);
      const id = records.length - 1;
      if (previous >= 0) {
        let probability = 1;
        if (random() < uncertain.share) {
          const band = random() < 0.5 ? 0 : 1;
          probability = bands[band];
          inBand[band] += 1;
        }
        links.push({ a: previous, b: id, probability });
      }
      previous = id;
    });
  }
  bands.forEach((p, band) => {
    const decoys = Math.round((inBand[band] * (1 - p)) / p);
    for (let made = 0; made < decoys;) {
      const [a, b] = [Math.floor(random() * records.length), Math.floor(random() * records.length)];
      if (owner[a] === owner[b] || records[a] === records[b]) continue;
      links.push({ a, b, probability: p });
      made += 1;
    }
  });
  return { lists: probabilities.map((_, i) => `L${i + 1}`), records, links };
}

/** The same linkage taken as decided: every pair at or above 0.5 certain, the others certainly not. */
const asDecided = (u: LinkageUncertainty): LinkageUncertainty => ({
  ...u,
  links: u.links.map((l) => ({ ...l, probability: l.probability >= 0.5 ? 1 : 0 })),
});

describe('linkageErrorInterval', () => {
  test('coverage of the true size over 200 simulated linkages improves when the links are redrawn', () => {
    const random = mulberry32(2026);
    const truth = 800;
    let [withError, ignoring] = [0, 0];
    let [widthWith, widthIgnoring] = [0, 0];
    const simulations = 200;
    for (let s = 0; s < simulations; s += 1) {
      const u = simulate(truth, [0.35, 0.35], random);
      const options = { replicates: 99, seed: s + 1 };
      const a = linkageErrorInterval(u, chapman, options).interval;
      const b = linkageErrorInterval(asDecided(u), chapman, options).interval;
      if (a[0] <= truth && truth <= a[1]) withError += 1;
      if (b[0] <= truth && truth <= b[1]) ignoring += 1;
      widthWith += a[1] - a[0];
      widthIgnoring += b[1] - b[0];
    }
    const [coverageWith, coverageIgnoring] = [withError / simulations, ignoring / simulations];
    console.info(
      `linkage error: coverage ${coverageWith} (with) vs ${coverageIgnoring} (ignoring), mean width ${(widthWith / simulations).toFixed(0)} vs ${(widthIgnoring / simulations).toFixed(0)}`,
    );
    // The decided linkage's false and missed links bias its estimate; the redrawn links carry that error.
    expect(coverageWith).toBeGreaterThan(coverageIgnoring + 0.15);
    expect(coverageWith).toBeGreaterThanOrEqual(0.8);
    expect(widthWith).toBeGreaterThan(widthIgnoring);
    // 40,000 redrawn linkages: about a second alone, far longer on a loaded machine.
  }, 120_000);

  test('with certain links it is the ordinary percentile bootstrap of the decided table', () => {
    const u = asDecided(simulate(300, [0.4, 0.4], mulberry32(3)));
    const result = linkageErrorInterval(u, chapman, { replicates: 50, seed: 9 });
    expect(result.uncertainLinks).toBe(0);
    expect(result.persons.min).toBe(result.persons.decided);
    expect(result.persons.max).toBe(result.persons.decided);
    expect(result.interval[0]).toBeLessThan(chapman(decidedCounts(u)));
    expect(result.interval[1]).toBeGreaterThan(chapman(decidedCounts(u)));
  });

  test('links are transitive: a chain of records across three lists is one person on all three', () => {
    const u: LinkageUncertainty = {
      lists: ['A', 'B', 'C'],
      records: [1, 2, 4, 1],
      links: [
        { a: 0, b: 1, probability: 0.9 },
        { a: 1, b: 2, probability: 0.9 },
        { a: 3, b: 2, probability: 0.2 },
      ],
    };
    const counts = countsOfLinkage(u, (l) => l.probability > 0.5);
    expect(counts[7]).toBe(1);
    expect(counts[1]).toBe(1);
    expect([...counts].reduce((a, b) => a + b, 0)).toBe(2);
  });

  test('works with the stepwise fit of three lists and refuses links to records that do not exist', async () => {
    const glpk = await loadGlpk();
    const u = simulate(400, [0.4, 0.35, 0.3], mulberry32(8));
    const fit = replicateTotal(u.lists, glpk, { method: 'stepwise' });
    const result = linkageErrorInterval(u, fit, { replicates: 40, seed: 2 });
    expect(result.uncertainLinks).toBeGreaterThan(0);
    expect(result.persons.max).toBeGreaterThan(result.persons.min);
    expect(result.interval[0]).toBeLessThan(result.interval[1]);
    expect(() =>
      linkageErrorInterval({ ...u, links: [{ a: 0, b: u.records.length, probability: 0.5 }] }, fit, {
        replicates: 1,
        seed: 1,
      }),
    ).toThrow(/candidate link/);
  });
});

describe('linkageResamples', () => {
  test('with every probability 0 or 1 the tables are the ordinary bootstrap resamples of the same seed', async () => {
    const { xoshiro128 } = await import('./random64');
    const { resampleCounts } = await import('./random');
    const u = asDecided(simulate(300, [0.4, 0.4, 0.3], mulberry32(5)));
    const drawn = linkageResamples(u, { replicates: 30, seed: 17 });
    const random = xoshiro128(17);
    const decided = decidedCounts(u);
    for (const table of drawn.tables) expect([...table]).toEqual([...resampleCounts(decided, random)]);
    expect(drawn.uncertainLinks).toBe(0);
  });

  test('the compiled draw gives the same persons as redrawing every record, and records on no list only join', () => {
    const u: LinkageUncertainty = {
      lists: ['A', 'B'],
      // Record 2 is on no list of the table (another organisation's): it joins 0 and 1 when both links are made.
      records: [1, 2, 0, 1],
      links: [
        { a: 0, b: 2, probability: 1 },
        { a: 2, b: 1, probability: 0.5 },
        { a: 3, b: 1, probability: 0.2, linked: false },
      ],
    };
    expect([...decidedCounts(u)]).toEqual([0, 1, 0, 1]);
    const compiled = compileLinkage(u);
    // The certain link is contracted: two uncertain links remain, over three groups.
    expect(compiled.links).toHaveLength(2);
    const all = (made: boolean[]) =>
      drawCompiled(
        compiled,
        (() => {
          let i = 0;
          return () => (made[i++] ? 0 : 0.99);
        })(),
      );
    expect([...all([true, false])]).toEqual([
      ...countsOfLinkage(u, (l) => l.probability === 1 || (l.b === 1 && l.a === 2)),
    ]);
    expect([...all([false, false])]).toEqual([0, 2, 1, 0]);
    expect([...all([true, true])]).toEqual([0, 0, 0, 1]);
  });
});
