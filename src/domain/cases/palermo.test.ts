import fc from 'fast-check';
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
    ['minor with means', { acts: act, means, purposes: purpose, isMinor: true }, true],
    ['minor without act', { acts: [], means: [], purposes: purpose, isMinor: true }, false],
    ['adult without purpose', { acts: act, means, purposes: [], isMinor: false }, false],
  ] as const)('%s', (_name, input, expected) => {
    expect(
      derive({ ...input, acts: [...input.acts], means: [...input.means], purposes: [...input.purposes] }).definitionMet,
    ).toBe(expected);
  });

  test.each([
    ['adult with means', { means, isMinor: false }, true, 'palermo.step.consentIrrelevant'],
    ['adult without means', { means: [], isMinor: false }, false, undefined],
    ['age unknown without means', { means: [], isMinor: null }, false, undefined],
    ['age unknown with means', { means, isMinor: null }, true, 'palermo.step.consentIrrelevant'],
    ['minor without means', { means: [], isMinor: true }, true, 'palermo.step.consentIrrelevantMinor'],
    ['minor with means', { means, isMinor: true }, true, 'palermo.step.consentIrrelevantMinor'],
  ] as const)('consent: %s', (_name, input, irrelevant, key) => {
    const d = derive({ acts: act, purposes: purpose, means: [...input.means], isMinor: input.isMinor });
    expect(d.consentIrrelevant).toBe(irrelevant);
    expect(d.steps.find((s) => s.rule === 'consent')?.explanationKey).toBe(key);
  });

  test('for a minor, the result depends only on act and purpose (property)', () => {
    const codes = fc.array(
      fc.constantFrom('recruitment', 'transportation', 'deception', 'coercion', 'forced_labour', 'sexual_exploitation'),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(codes, codes, codes, (acts, means, purposes) => {
        const d = derive({ acts, means, purposes, isMinor: true });
        expect(d.definitionMet).toBe(acts.length > 0 && purposes.length > 0);
        expect(d.consentIrrelevant).toBe(true);
        expect(d.steps.find((s) => s.rule === 'means')).toMatchObject({
          satisfied: true,
          explanationKey: 'palermo.step.meansNotRequiredMinor',
        });
      }),
    );
  });

  test('consent is irrelevant once any means is present, and the steps say so', () => {
    const d = derive({ acts: act, means, purposes: purpose, isMinor: false });
    expect(d.consentIrrelevant).toBe(true);
    expect(d.steps.map((s) => s.explanationKey)).toEqual([
      'palermo.step.actPresent',
      'palermo.step.meansPresent',
      'palermo.step.purposePresent',
      'palermo.step.consentIrrelevant',
    ]);
    expect(d.resultKey).toBe('palermo.result.met');
  });

  test('for a minor the means step explains that no means is required', () => {
    const d = derive({ acts: act, means: [], purposes: purpose, isMinor: true });
    expect(d.steps[1]).toMatchObject({
      rule: 'means',
      satisfied: true,
      explanationKey: 'palermo.step.meansNotRequiredMinor',
    });
    // A child's consent never negates trafficking (Art. 3(c)).
    expect(d.consentIrrelevant).toBe(true);
  });
});
