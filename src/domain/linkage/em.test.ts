/**
 * EM on comparison vectors drawn from a Fellegi–Sunter model with known m, u
 * and λ recovers them; missing fields are neutral; precision thresholds and
 * the review band behave as specified.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seededRng } from '../shared/random';
import { defaultReviewCap, reviewBand, thresholdForPrecision } from './decide';
import {
  estimateEm,
  estimateEmTrained,
  levelFrequencies,
  explainPair,
  matchWeight,
  MAX_TERM_FREQUENCY_BONUS,
  MISSING,
  oneToOneProbabilities,
  probabilityOfWeight,
  type ComparisonVectors,
  type EmModel,
} from './em';

const COMPARISONS = [
  { field: 'given_name', levels: ['different', 'medium', 'high', 'exact'] },
  { field: 'surname', levels: ['different', 'medium', 'high', 'exact'] },
  { field: 'date_of_birth', levels: ['different', 'medium', 'high', 'exact'] },
  { field: 'sex', levels: ['different', 'exact'] },
];
const TRUE_M = [
  [0.05, 0.1, 0.15, 0.7],
  [0.08, 0.12, 0.1, 0.7],
  [0.03, 0.05, 0.12, 0.8],
  [0.02, 0.98],
];
const TRUE_U = [
  [0.9, 0.07, 0.02, 0.01],
  [0.92, 0.05, 0.02, 0.01],
  [0.7, 0.25, 0.04, 0.01],
  [0.45, 0.55],
];

/** Pairs from the latent-class model: match with probability λ, levels drawn from m or u; some missing. */
function generate(pairs: number, lambda: number, seed: number, missing = 0): ComparisonVectors & { truth: boolean[] } {
  const rng = seededRng(seed);
  const fields = COMPARISONS.length;
  const gamma = new Int8Array(pairs * fields);
  const truth: boolean[] = [];
  const draw = (probabilities: number[]) => {
    let x = rng.next();
    for (let l = 0; l < probabilities.length; l++) if ((x -= probabilities[l]) < 0) return l;
    return probabilities.length - 1;
  };
  for (let i = 0; i < pairs; i++) {
    const match = rng.next() < lambda;
    truth.push(match);
    for (let f = 0; f < fields; f++)
      gamma[i * fields + f] = rng.next() < missing ? MISSING : draw((match ? TRUE_M : TRUE_U)[f]);
  }
  return { comparisons: COMPARISONS, gamma, pairs, truth };
}

const parameters = (model: EmModel, key: 'm' | 'u') => model.fields.map((f) => f.levels.map((l) => l[key]));

describe('EM', () => {
  test('recovers known m, u and λ within a tolerance', () => {
    const data = generate(60_000, 0.1, 7);
    const model = estimateEm(data);
    expect(model.converged).toBe(true);
    expect(model.lambda).toBeCloseTo(0.1, 2);
    parameters(model, 'm').forEach((row, f) =>
      row.forEach((m, l) => expect(Math.abs(m - TRUE_M[f][l])).toBeLessThan(0.02)),
    );
    parameters(model, 'u').forEach((row, f) =>
      row.forEach((u, l) => expect(Math.abs(u - TRUE_U[f][l])).toBeLessThan(0.02)),
    );
  });

  test('recovers them with 20% of values missing, and a missing field adds no weight', () => {
    const data = generate(60_000, 0.2, 8, 0.2);
    const model = estimateEm(data);
    expect(model.lambda).toBeCloseTo(0.2, 1);
    parameters(model, 'm').forEach((row, f) =>
      row.forEach((m, l) => expect(Math.abs(m - TRUE_M[f][l])).toBeLessThan(0.03)),
    );
    const full = Int8Array.from([3, 3, 3, 1]);
    const withoutDob = Int8Array.from([3, 3, MISSING, 1]);
    const dobWeight = model.fields[2].levels[3].weight;
    expect(matchWeight(model, full, 0) - matchWeight(model, withoutDob, 0)).toBeCloseTo(dobWeight, 9);
    // Neutral, not capped: the pair without a date is still more likely a match than not.
    expect(probabilityOfWeight(matchWeight(model, withoutDob, 0))).toBeGreaterThan(0.9);
    const evidence = explainPair(model, withoutDob, 0);
    expect(evidence[2]).toEqual({ field: 'date_of_birth', level: 'missing', weight: 0 });
    expect(evidence.map((e) => Object.keys(e).sort().join())).toEqual(Array(4).fill('field,level,weight'));
  });

  test('training sessions on anchor fields recover m as well', () => {
    const data = generate(60_000, 0.1, 9);
    // u anchored on "random pairs": a sample with no matches in it.
    const u = levelFrequencies(generate(20_000, 0, 12));
    const model = estimateEmTrained(data, (f) => (f < 2 ? [2] : [0, 1]), { u });
    parameters(model, 'm').forEach((row, f) =>
      row.forEach((m, l) => expect(Math.abs(m - TRUE_M[f][l])).toBeLessThan(0.1)),
    );
    expect(model.lambda).toBeCloseTo(0.1, 1);
  });

  test('with u from random pairs, λ is the prior over all pairs, not over the candidates blocking chose', () => {
    // All pairs from the model; blocking keeps those agreeing on something, so agreement is common among them.
    const all = generate(200_000, 0.01, 21);
    const fields = COMPARISONS.length;
    const kept: number[] = [];
    for (let i = 0; i < all.pairs; i++) if (all.gamma[i * fields] >= 1 || all.gamma[i * fields + 2] >= 2) kept.push(i);
    const gamma = new Int8Array(kept.length * fields);
    kept.forEach((p, k) => gamma.set(all.gamma.subarray(p * fields, (p + 1) * fields), k * fields));
    const candidates = { comparisons: COMPARISONS, gamma, pairs: kept.length };
    const u = levelFrequencies(generate(20_000, 0, 22));
    const model = estimateEmTrained(candidates, (f) => (f < 2 ? [2] : [0, 1]), { u, allPairs: all.pairs });
    const matches = all.truth.filter(Boolean).length;
    expect(Math.abs(model.lambda - matches / all.pairs) / (matches / all.pairs)).toBeLessThan(0.15);
    parameters(model, 'u').forEach((row, f) => row.forEach((x, l) => expect(x).toBe(u[f][l])));
    // m from sessions whose anchors (always agreeing there) count as no evidence.
    parameters(model, 'm').forEach((row, f) =>
      row.forEach((m, l) => expect(Math.abs(m - TRUE_M[f][l])).toBeLessThan(0.03)),
    );
    // Calibrated on the candidates: the pairs called likely matches are matches about as often as predicted.
    const likely = kept
      .map((p, k) => [p, probabilityOfWeight(matchWeight(model, gamma, k))])
      .filter(([, q]) => q >= 0.5);
    const expected = likely.reduce((sum, [, q]) => sum + q, 0) / likely.length;
    const measured = likely.filter(([p]) => all.truth[p]).length / likely.length;
    expect(Math.abs(expected - measured)).toBeLessThan(0.03);
  });

  test.each([
    [0.03, 101],
    [0.15, 102],
    [0.35, 103],
  ])('recovers λ = %s and every m and u on another seed (%s), not only one data set', (lambda, seed) => {
    const model = estimateEm(generate(40_000, lambda, seed, 0.05));
    expect(Math.abs(model.lambda - lambda)).toBeLessThan(0.01);
    // m is learnt from λ·n matches: the tolerance follows its sampling error.
    const tolerance = 0.02 + 2 * Math.sqrt(0.25 / (lambda * 40_000));
    parameters(model, 'm').forEach((row, f) =>
      row.forEach((m, l) => expect(Math.abs(m - TRUE_M[f][l])).toBeLessThan(tolerance)),
    );
    parameters(model, 'u').forEach((row, f) =>
      row.forEach((u, l) => expect(Math.abs(u - TRUE_U[f][l])).toBeLessThan(0.02)),
    );
  });

  test('term frequencies: agreeing on a common value is weaker evidence, on a rare one stronger (capped)', () => {
    const model = estimateEm(generate(20_000, 0.1, 10));
    const exact = Int8Array.from([3, 3, 3, 1]);
    const plain = matchWeight(model, exact, 0);
    // Only exact levels are adjusted, by -log2(tf), and sex (no term frequency: 0) is left alone.
    const common = matchWeight(model, exact, 0, (f) => (f === 1 ? 8 : 0));
    expect(plain - common).toBeCloseTo(3, 9);
    expect(matchWeight(model, exact, 0, (f) => (f === 1 ? 1 : 0))).toBeCloseTo(plain, 9);
    const rare = matchWeight(model, exact, 0, (f) => (f === 1 ? 1e-6 : 0));
    expect(rare - plain).toBeCloseTo(MAX_TERM_FREQUENCY_BONUS, 9);
    const different = Int8Array.from([0, 0, 0, 0]);
    expect(matchWeight(model, different, 0, () => 8)).toBeCloseTo(matchWeight(model, different, 0), 9);
  });

  test('one-to-one: a pair alone keeps its probability, namesakes competing for one record share the odds', () => {
    // Record 0 (source 0) has a strong (1) and a weak (2) candidate in source 1; 3–4 is a pair alone.
    const sourceOf = Int32Array.from([0, 1, 1, 0, 1]);
    const pairs = { a: Int32Array.from([0, 0, 3]), b: Int32Array.from([1, 2, 4]), sourceOf, sources: 2 };
    const weights = [Math.log2(99), Math.log2(9), Math.log2(4)];
    const p = oneToOneProbabilities(weights, pairs);
    expect(p[0]).toBeCloseTo(99 / 109, 9);
    expect(p[1]).toBeCloseTo(9 / 109, 9);
    expect(p[2]).toBeCloseTo(probabilityOfWeight(weights[2]), 9);
    // Overwhelming odds do not overflow into NaN.
    const huge = oneToOneProbabilities([5000, 3], { ...pairs, a: pairs.a.slice(0, 2), b: pairs.b.slice(0, 2) });
    expect([...huge].every(Number.isFinite)).toBe(true);
    expect(huge[0]).toBeGreaterThan(0.99);
  });

  test('weights rise with the level: exact agreement is stronger evidence than different', () => {
    const model = estimateEm(generate(20_000, 0.1, 10));
    for (const field of model.fields) expect(field.levels.at(-1)!.weight).toBeGreaterThan(field.levels[0].weight);
  });
});

describe('thresholds from a target precision', () => {
  test('the linked pairs of generated data meet the target precision', () => {
    const data = generate(40_000, 0.1, 11);
    const model = estimateEm(data);
    const probabilities = Array.from({ length: data.pairs }, (_, i) =>
      probabilityOfWeight(matchWeight(model, data.gamma, i)),
    );
    for (const target of [0.9, 0.95, 0.98]) {
      const cut = thresholdForPrecision(probabilities, target);
      expect(cut.expectedPrecision).toBeGreaterThanOrEqual(target);
      let tp = 0;
      let linked = 0;
      probabilities.forEach((p, i) => {
        if (p < cut.threshold) return;
        linked++;
        if (data.truth[i]) tp++;
      });
      expect(linked).toBe(cut.linked);
      // The realised precision is within a point of the target.
      expect(tp / linked).toBeGreaterThan(target - 0.01);
      const matches = data.truth.filter(Boolean).length;
      expect(Math.abs(tp / matches - cut.expectedRecall)).toBeLessThan(0.03);
    }
  });

  test('the expected precision of what is linked never falls below the target (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        (probabilities, target) => {
          const cut = thresholdForPrecision(probabilities, target);
          const linked = probabilities.filter((p) => cut.linked > 0 && p >= cut.threshold);
          expect(linked.length).toBe(cut.linked);
          if (linked.length)
            expect(linked.reduce((s, p) => s + p, 0) / linked.length).toBeGreaterThanOrEqual(target - 1e-12);
        },
      ),
    );
  });

  test('refuses a target outside (0, 1)', () => {
    expect(() => thresholdForPrecision([0.5], 1)).toThrow(expect.objectContaining({ code: 'invalid_options' }));
  });
});

describe('review band', () => {
  const candidates = [
    { pair: 0, probability: 0.95, sourceA: 0, sourceB: 1 }, // above the threshold: linked, not reviewed
    { pair: 1, probability: 0.3, sourceA: 0, sourceB: 1 },
    { pair: 2, probability: 0.7, sourceA: 0, sourceB: 2 },
    { pair: 3, probability: 0.5, sourceA: 1, sourceB: 2 },
    { pair: 4, probability: 0.1, sourceA: 1, sourceB: 2 }, // below the floor
    { pair: 5, probability: 0.6, sourceA: 0, sourceB: 1 },
  ];

  test('closest to the decision boundary first, below the threshold and above the floor', () => {
    expect(reviewBand(candidates, 0.9, [10, 10, 10], 0.2)).toEqual([2, 5, 3, 1]);
  });

  test('capped per organisation: a pair is taken only while both its organisations have room', () => {
    expect(reviewBand(candidates, 0.9, [1, 10, 10], 0.2)).toEqual([2, 3]);
    expect(reviewBand(candidates, 0.9, [2, 1, 10], 0.2)).toEqual([2, 5]);
    expect(reviewBand(candidates, 0.9, [0, 0, 0], 0.2)).toEqual([]);
  });

  test('never more pairs per organisation than its cap (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            probability: fc.double({ min: 0, max: 1, noNaN: true }),
            sourceA: fc.integer({ min: 0, max: 2 }),
            sourceB: fc.integer({ min: 0, max: 2 }),
          }),
          { maxLength: 100 },
        ),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }),
        (raw, caps) => {
          const list = raw.filter((c) => c.sourceA !== c.sourceB).map((c, pair) => ({ ...c, pair }));
          const band = reviewBand(list, 0.9, caps, 0.2);
          const used = [0, 0, 0];
          let previous = Infinity;
          for (const pair of band) {
            const c = list[pair];
            used[c.sourceA]++;
            used[c.sourceB]++;
            expect(c.probability).toBeLessThanOrEqual(previous);
            previous = c.probability;
          }
          used.forEach((n, s) => expect(n).toBeLessThanOrEqual(caps[s]));
        },
      ),
    );
  });

  test('the default cap is 1% of the organisation’s records, at least 5', () => {
    expect(defaultReviewCap(100)).toBe(5);
    expect(defaultReviewCap(50_000)).toBe(500);
  });
});
