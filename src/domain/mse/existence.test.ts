import { beforeAll, describe, expect, test } from 'vitest';
import { buildDesign, type Pair } from './design';
import { checkModel } from './existence';
import { loadReference } from './fixtures';
import { loadGlpk, type Glpk } from './lp';
import { validateCaptureTable } from './table';

const AB: Pair = { i: 0, j: 1 };
const AC: Pair = { i: 0, j: 2 };
const BC: Pair = { i: 1, j: 2 };

// The outcomes documented for SparseMSE's Artificial_3 (Table 2 of Chan, Silverman & Vincent).
describe('existence and identifiability on Artificial_3', () => {
  let glpk: Glpk;
  beforeAll(async () => {
    glpk = await loadGlpk();
  });
  const cells = validateCaptureTable(loadReference('artificial_3'));

  test.each([
    ['main effects', [], true, true],
    ['AB', [AB], false, true],
    ['AC', [AC], true, true],
    ['BC', [BC], true, true],
    ['AC + BC', [AC, BC], true, true],
    ['AB + AC', [AB, AC], false, true],
    ['AB + BC', [AB, BC], false, true],
    ['AB + AC + BC', [AB, AC, BC], true, false],
  ] as const)('%s: exists=%s identifiable=%s', (_name, pairs, exists, identifiable) => {
    const check = checkModel(buildDesign(cells, pairs), glpk);
    expect(check.exists).toBe(exists);
    expect(check.identifiable).toBe(identifiable);
  });

  test('an effect with no overlap drops the cells on both lists', () => {
    const design = buildDesign(cells, [AC]);
    expect(design.infinitePairs).toEqual([AC]);
    expect([...design.cells]).toEqual([1, 2, 3, 4, 6]);
    expect(design.columns).toEqual(['(Intercept)', 'A', 'B', 'C']);
  });
});

describe('the rank shortcut agrees with the linear program', () => {
  test('whenever the positive cells determine the model, the LP finds a strictly positive table', async () => {
    const { default: fc } = await import('fast-check');
    const { allPairs } = await import('./design');
    const { largestMinimumCell, positiveCellsDetermineModel } = await import('./existence');
    const glpk = await loadGlpk();
    let shortcuts = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })), { minLength: 15, maxLength: 15 }),
        fc.subarray(allPairs(4)),
        (counts, pairs) => {
          const table = {
            lists: ['A', 'B', 'C', 'D'],
            histories: counts.map((count, m) => ({ pattern: [0, 1, 2, 3].map((i) => ((m + 1) >> i) & 1), count })),
          };
          let cells;
          try {
            cells = validateCaptureTable(table);
          } catch {
            return;
          }
          const design = buildDesign(cells, pairs);
          if (!positiveCellsDetermineModel(design)) return;
          shortcuts += 1;
          expect(largestMinimumCell(design, glpk)).toBeGreaterThan(1e-7);
        },
      ),
      { numRuns: 150, seed: 11 },
    );
    expect(shortcuts).toBeGreaterThan(10);
  });
});
