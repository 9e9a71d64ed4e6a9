import { describe, expect, test } from 'vitest';
import { derive } from './palermo';

const act = ['recruitment'];
const means = ['deception'];
const purpose = ['sexual_exploitation'];

describe('Palermo Art. 3 derivation', () => {
  test.each([
    ['adult: act + means + purpose', { acts: act, means, purposes: purpose, isMinor: false }, true],
    ['adult without means', { acts: act, means: [], purposes: purpose, isMinor: false }, false],
    ['minor without means', { acts: act, means: [], purposes: purpose, isMinor: true }, true],
    ['age unknown without means', { acts: act, means: [], purposes: purpose, isMinor: null }, 'undetermined'],
    ['age unknown with means', { acts: act, means, purposes: purpose, isMinor: null }, true],
    ['no act', { acts: [], means, purposes: purpose, isMinor: false }, false],
    ['no purpose', { acts: act, means, purposes: [], isMinor: true }, false],
  ] as const)('%s', (_name, input, expected) => {
    expect(derive({ ...input, acts: [...input.acts], means: [...input.means], purposes: [...input.purposes] }).definitionMet).toBe(expected);
  });

  test('consent is irrelevant once any means is present, and the steps say so', () => {
    const d = derive({ acts: act, means, purposes: purpose, isMinor: false });
    expect(d.consentIrrelevant).toBe(true);
    expect(d.steps.map((s) => s.explanationKey)).toEqual(['palermo.step.actPresent', 'palermo.step.meansPresent', 'palermo.step.purposePresent', 'palermo.step.consentIrrelevant']);
    expect(d.resultKey).toBe('palermo.result.met');
  });

  test('for a minor the means step explains that no means is required', () => {
    const d = derive({ acts: act, means: [], purposes: purpose, isMinor: true });
    expect(d.steps[1]).toMatchObject({ rule: 'means', satisfied: true, explanationKey: 'palermo.step.meansNotRequiredMinor' });
    expect(d.consentIrrelevant).toBe(false);
  });
});
