/** Every MSE warning the domain writes, including the bootstrap's and the goodness of fit's, reaches fr, it and sk. */
import { describe, expect, test } from 'vitest';
import { estimatePopulation, type MseWarning } from '../../src/domain/mse';
import { translateNote } from '../../src/services/server-text';

function expectTranslated(warning: MseWarning | undefined) {
  expect(warning).toBeDefined();
  for (const language of ['fr', 'it', 'sk']) {
    const text = translateNote(warning!.message, language);
    expect(text, `${warning!.code} in ${language}`).not.toBe(warning!.message);
    for (const number of warning!.message.match(/\d+(\.\d+)?/g) ?? []) expect(text, warning!.code).toContain(number);
  }
}

describe('MSE warnings in every language', () => {
  test('failed bootstrap replicates and jackknife cells, counted and said with their share', async () => {
    // List C holds one person: a resample that draws nobody on C leaves two lists, so it has no estimate.
    const result = await estimatePopulation(
      {
        lists: ['A', 'B', 'C'],
        histories: [
          { pattern: [1, 0, 0], count: 30 },
          { pattern: [0, 1, 0], count: 25 },
          { pattern: [1, 1, 0], count: 12 },
          { pattern: [0, 0, 1], count: 1 },
        ],
      },
      { method: 'main', profile: false, bootstrap: { replicates: 100, seed: 2 }, goodnessOfFit: { replicates: 20 } },
    );
    expect(result.bootstrap!.failed).toBeGreaterThan(10);
    expect(result.bootstrap!.jackknifeFailed).toBe(1);
    const failures = result.warnings.find((w) => w.code === 'bootstrap_failures');
    expect(failures?.message).toContain(`${result.bootstrap!.failed} of 100 bootstrap replicates`);
    expectTranslated(failures);
    expectTranslated(result.warnings.find((w) => w.code === 'jackknife_failures'));
  });

  test('lack of fit judged by the parametric bootstrap', async () => {
    const result = await estimatePopulation(
      {
        lists: ['A', 'B', 'C'],
        histories: [
          { pattern: [1, 0, 0], count: 3 },
          { pattern: [0, 1, 0], count: 2 },
          { pattern: [0, 0, 1], count: 4 },
          { pattern: [1, 1, 0], count: 25 },
          { pattern: [1, 0, 1], count: 1 },
          { pattern: [0, 1, 1], count: 1 },
        ],
      },
      { method: 'main', profile: false },
    );
    expectTranslated(result.warnings.find((w) => w.code === 'lack_of_fit'));
  });
});
