/**
 * Corruptions applied to a true identity when one organisation records it:
 * keyboard typos, swapped name order, missing values, married surname,
 * day/month swap, a date recorded as 1 January when only the year was known.
 * Rates come from a named profile (published in docs/linkage-generator.md).
 */
import type { Rng } from '../../shared/random';

export interface CorruptionProfile {
  typo: number;
  swapNames: number;
  missing: {
    given_name: number;
    surname: number;
    date_of_birth: number;
    sex: number;
    citizenship: number;
    place_of_birth: number;
  };
  /** Chance a record of a person with a married name uses it instead of the birth surname. */
  marriedName: number;
  dobSwap: number;
  dobTypo: number;
  /** Chance a record gives only the year right, as 1 January (registrations with an unknown date). */
  dobPlaceholder: number;
  /** Chance a Cyrillic/Greek name is written in Latin rather than its own script. */
  latinSpelling: number;
  stripMarks: number;
  upperCase: number;
}

export const PROFILES: Readonly<Record<'clean' | 'standard', CorruptionProfile>> = {
  clean: {
    typo: 0,
    swapNames: 0,
    marriedName: 0,
    dobSwap: 0,
    dobTypo: 0,
    dobPlaceholder: 0,
    latinSpelling: 0,
    stripMarks: 0,
    upperCase: 0,
    missing: { given_name: 0, surname: 0, date_of_birth: 0, sex: 0, citizenship: 0, place_of_birth: 0 },
  },
  standard: {
    typo: 0.12,
    swapNames: 0.05,
    marriedName: 0.5,
    dobSwap: 0.05,
    dobTypo: 0.03,
    dobPlaceholder: 0.01,
    latinSpelling: 0.6,
    stripMarks: 0.4,
    upperCase: 0.25,
    missing: {
      given_name: 0.02,
      surname: 0.01,
      date_of_birth: 0.03,
      sex: 0.04,
      citizenship: 0.1,
      place_of_birth: 0.35,
    },
  },
};

/** One keyboard-style edit: insert, delete, substitute or transpose. */
export function typo(text: string, rng: Rng): string {
  const chars = [...text];
  if (chars.length < 3) return text;
  const i = rng.int(1, chars.length - 2);
  const letter = rng.pick(chars.filter((c) => /\p{L}/u.test(c)));
  switch (rng.int(0, 3)) {
    case 0:
      chars.splice(i, 0, letter.toLowerCase());
      break;
    case 1:
      chars.splice(i, 1);
      break;
    case 2:
      chars[i] = letter.toLowerCase();
      break;
    default:
      [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  }
  return chars.join('');
}

export interface Dob {
  year: number;
  month: number;
  day: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A recorded date of birth: possibly day/month swapped or off by one, in ISO or European format. */
export function recordDob(dob: Dob, profile: CorruptionProfile, rng: Rng): string {
  let { year, month, day } = dob;
  if (rng.chance(profile.dobPlaceholder)) [month, day] = [1, 1];
  else if (day <= 12 && day !== month && rng.chance(profile.dobSwap)) [month, day] = [day, month];
  else if (rng.chance(profile.dobTypo)) {
    if (rng.chance(0.5)) year += rng.chance(0.5) ? 1 : -1;
    else day = day === 1 ? 2 : day - 1;
  }
  return rng.chance(0.5) ? `${year}-${pad2(month)}-${pad2(day)}` : `${pad2(day)}.${pad2(month)}.${year}`;
}
