/**
 * estimatePopulation before the LP solver has loaded: a light fit is tried without it, and kept only
 * if it never asked for it. The result is the solver's own either way, refusals included.
 */
import { describe, expect, test, vi } from 'vitest';
import { loadReference } from './fixtures';
import type { CaptureTable } from './table';

/** The estimator and the solver's loader as a fresh process has them: nothing loaded yet. */
async function fresh() {
  vi.resetModules();
  return { ...(await import('./estimate')), ...(await import('./lp')) };
}

const POINT = { profile: false, diagnostics: false, goodnessOfFit: false } as const;
const table = (lists: string[], rows: [string, number][]): CaptureTable => ({
  lists,
  histories: rows.map(([pattern, count]) => ({ pattern: [...pattern].map(Number), count })),
});

describe('estimatePopulation without the solver loaded', () => {
  test('a table whose models need no linear program is estimated without loading it, as with it', async () => {
    const { estimatePopulation, estimatePopulationWith, loadedGlpk, loadGlpk } = await fresh();
    expect(loadedGlpk()).toBeUndefined();
    const fast = await estimatePopulation(loadReference('western'), POINT);
    expect(loadedGlpk()).toBeUndefined();
    const withSolver = estimatePopulationWith(await loadGlpk(), loadReference('western'), POINT);
    expect(fast).toEqual(withSolver);
  });

  test('a table that needs one gets the solver: its terms rejected and its refusals as the solver decides', async () => {
    const { estimatePopulation, estimatePopulationWith, loadedGlpk, loadGlpk, solverProbe } = await fresh();
    const boundary = table(
      ['A', 'B', 'C'],
      [
        ['100', 27],
        ['001', 21],
        ['111', 39],
      ],
    );
    const probe = solverProbe();
    expect(() => estimatePopulationWith(probe.glpk, boundary, POINT)).toThrow();
    expect(probe.used()).toBe(true);
    expect(loadedGlpk()).toBeUndefined();
    const result = await estimatePopulation(boundary, POINT);
    expect(loadedGlpk()).toBeDefined();
    expect(result).toEqual(estimatePopulationWith(await loadGlpk(), boundary, POINT));
    expect(result.warnings.map((w) => w.code)).toContain('term_rejected');
    const none = table(
      ['A', 'B', 'C'],
      [
        ['100', 10],
        ['110', 5],
        ['101', 4],
        ['111', 2],
      ],
    );
    const again = await fresh();
    await expect(again.estimatePopulation(none, POINT)).rejects.toMatchObject({ code: 'no_finite_estimate' });
  });
});
