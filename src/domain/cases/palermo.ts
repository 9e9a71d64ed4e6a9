/**
 * The Palermo Protocol (Art. 3) derivation: act + means + purpose, with no
 * means needed for a person under 18 at the time of the acts, and consent
 * irrelevant once any means is present or she was a child (Art. 3(b), 3(c)).
 * Every step is returned so the user sees why.
 */
export interface IdentificationInput {
  acts: string[];
  means: string[];
  purposes: string[];
  /** Under 18 at the time of the acts (never at intake or today); null when not known. */
  isMinor: boolean | null;
}

export interface DerivationStep {
  rule: 'act' | 'means' | 'purpose' | 'consent';
  satisfied: boolean;
  explanationKey: string;
  params?: Record<string, unknown>;
}

export interface Derivation {
  definitionMet: boolean | 'undetermined';
  consentIrrelevant: boolean;
  steps: DerivationStep[];
  resultKey: string;
}

/**
 * @example derive({ acts: ['recruitment'], means: [], purposes: ['forced_labour'], isMinor: true }).definitionMet // true
 */
export function derive(input: IdentificationInput): Derivation {
  const hasAct = input.acts.length > 0;
  const hasMeans = input.means.length > 0;
  const hasPurpose = input.purposes.length > 0;
  const steps: DerivationStep[] = [
    {
      rule: 'act',
      satisfied: hasAct,
      explanationKey: hasAct ? 'palermo.step.actPresent' : 'palermo.step.actMissing',
      params: { count: input.acts.length },
    },
  ];
  let meansSatisfied: boolean | 'undetermined';
  if (input.isMinor === true) {
    meansSatisfied = true;
    steps.push({ rule: 'means', satisfied: true, explanationKey: 'palermo.step.meansNotRequiredMinor' });
  } else {
    meansSatisfied = hasMeans ? true : input.isMinor === null ? 'undetermined' : false;
    steps.push({
      rule: 'means',
      satisfied: hasMeans,
      explanationKey: hasMeans
        ? 'palermo.step.meansPresent'
        : input.isMinor === null
          ? 'palermo.step.minorUnknown'
          : 'palermo.step.meansMissing',
      params: { count: input.means.length },
    });
  }
  steps.push({
    rule: 'purpose',
    satisfied: hasPurpose,
    explanationKey: hasPurpose ? 'palermo.step.purposePresent' : 'palermo.step.purposeMissing',
    params: { count: input.purposes.length },
  });
  // A child's consent never negates trafficking (Art. 3(c)), whether or not a means was used.
  if (input.isMinor === true)
    steps.push({ rule: 'consent', satisfied: true, explanationKey: 'palermo.step.consentIrrelevantMinor' });
  else if (hasMeans) steps.push({ rule: 'consent', satisfied: true, explanationKey: 'palermo.step.consentIrrelevant' });

  let definitionMet: boolean | 'undetermined';
  if (!hasAct || !hasPurpose || meansSatisfied === false) definitionMet = false;
  else definitionMet = meansSatisfied === 'undetermined' ? 'undetermined' : true;
  const resultKey =
    definitionMet === true
      ? 'palermo.result.met'
      : definitionMet === false
        ? 'palermo.result.notMet'
        : 'palermo.result.undetermined';
  return { definitionMet, consentIrrelevant: hasMeans || input.isMinor === true, steps, resultKey };
}
