import { describe, expect, test } from 'vitest';
import { childProtectionRequirements } from '../reference/risk-lists';
import { childProtectionStatus, requirementFor, treatAsMinor } from './minors';

describe('treatAsMinor', () => {
  test.each([
    [{ personIsMinor: false, identificationIsMinor: null, ageAssessment: 'uncertain' }, true],
    [{ personIsMinor: true, identificationIsMinor: null, ageAssessment: 'adult' }, false],
    [{ personIsMinor: null, identificationIsMinor: null, ageAssessment: 'minor' }, true],
    [{ personIsMinor: true, identificationIsMinor: null, ageAssessment: null }, true],
    [{ personIsMinor: false, identificationIsMinor: true, ageAssessment: null }, false],
    [{ personIsMinor: null, identificationIsMinor: true, ageAssessment: null }, true],
    [{ personIsMinor: null, identificationIsMinor: null, ageAssessment: null }, false],
  ] as const)('%j → %s', (facts, minor) => expect(treatAsMinor(facts)).toBe(minor));
});

describe('child-protection requirement', () => {
  const items = childProtectionRequirements.items;
  test("the case's country's rule, else the default", () => {
    expect(requirementFor(items, 'IT')?.code).toBe('it');
    expect(requirementFor(items, 'DE')?.code).toBe('default');
    expect(requirementFor(items, null)?.code).toBe('default');
    expect(requirementFor([], 'IT')).toBeNull();
  });
  test('a minor is prompted until a referral is recorded; an adult never', () => {
    expect(childProtectionStatus(true, items, 'SK', false)).toEqual({
      minor: true,
      requirement: 'sk',
      referralRecorded: false,
      prompt: true,
    });
    expect(childProtectionStatus(true, items, 'SK', true).prompt).toBe(false);
    expect(childProtectionStatus(false, items, 'SK', false)).toMatchObject({ prompt: false, requirement: null });
  });
});
