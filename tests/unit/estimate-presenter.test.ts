/** The registry presenter (issue #21): how an estimate was made leaves with it, the table it was fitted to does not. */
import { describe, expect, test } from 'vitest';
import { citationChain, seedEstimates } from '../../src/domain/estimates';
import { EstimateView } from '../../src/server/routes/statistics/routes';
import { presentEstimate } from '../../src/server/presenters/estimate';
import type { RegistryEntry } from '../../src/services/estimates';

const base = seedEstimates[0];
const mse = {
  lists: ['A', 'B', 'C'],
  terms: ['A:B'],
  model: 'stepwise',
  interval: [900, null] as unknown as [number, number],
  intervalMethod: 'bca' as const,
  level: 0.95,
  bootstrap: { replicates: 200, failed: 3, failedShare: 0.015, seed: 7, generator: 'xoshiro128**' as const },
  observed: 700,
  inputs: [{ pattern: [1, 0, 0], count: 4 }],
};
const entry = (m: object): RegistryEntry =>
  ({ ...base, origin: 'ariadne_mse', mse: m, chain: citationChain(base) }) as unknown as RegistryEntry;

describe('registry estimate presenter', () => {
  test('the interval method, generator, seed and failed replicates leave; the capture histories do not', () => {
    const out = presentEstimate(entry(mse));
    expect(out.mse).toMatchObject({
      intervalMethod: 'bca',
      interval: [900, null],
      bootstrap: { replicates: 200, failed: 3, failedShare: 0.015, seed: 7, generator: 'xoshiro128**' },
    });
    expect(Object.keys(out.mse!)).not.toContain('inputs');
    expect(EstimateView.parse(out)).toEqual(out);
  });

  test('an estimate saved before the generator was kept says not_recorded, never a guess', () => {
    const { generator: _, ...older } = mse.bootstrap;
    expect(presentEstimate(entry({ ...mse, bootstrap: older })).mse?.bootstrap?.generator).toBe('not_recorded');
  });

  test('a published figure from the seed registry has no MSE block', () => {
    const out = presentEstimate({ ...base, origin: 'seed', chain: citationChain(base) });
    expect(out.mse).toBeUndefined();
    expect(EstimateView.parse(out)).toEqual(out);
  });
});
