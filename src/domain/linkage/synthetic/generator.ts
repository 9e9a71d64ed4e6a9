/**
 * Synthetic network data with known truth: fictional persons from several
 * naming cultures, each recorded by one or more organisations with the
 * corruptions of a profile. Names are drawn from each culture's ranked
 * vocabulary with Zipf-like frequencies (profiles.ts), so common names have
 * many namesakes as in real caseloads. Deterministic for a seed; the profiles
 * are published in docs/linkage-generator.md.
 */
import type { IdentityRecord } from '../encode';
import { CULTURES, type Culture } from './cultures';
import { PROFILES, recordDob, typo, type CorruptionProfile, type Dob } from './corrupt';
import { seededRng, type Rng } from '../../shared/random';
import { latinFromCyrillic, latinFromGreek, stripMarks } from './spellings';
import { NAME_PROFILES } from './profiles';
import { vocabulary, zipfSampler, type ZipfSampler, type ZipfSpec } from './zipf';

export interface SyntheticRecord extends IdentityRecord {
  /** The true person behind the record: evaluation only, never an input to linkage. */
  truthPersonId: string;
}

export interface SyntheticOptions {
  seed: number;
  persons: number;
  /** Organisation ids (sources). Default: org-a, org-b, org-c. */
  orgs?: readonly string[];
  /** Chance a person is known to each organisation (each person is known to at least one). Default 0.55. */
  presence?: number;
  profile?: 'clean' | 'standard';
  /** Share of records with network-dedup consent. Default 1. */
  consentRate?: number;
}

interface Person {
  id: string;
  culture: Culture;
  sex: 'f' | 'm';
  given: [string, string];
  surname: string;
  marriedSurname?: string;
  dob: Dob;
  place: string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A culture's ranked names with their sampler. */
interface NameSource {
  names: string[][];
  sampler: ZipfSampler;
}

interface CultureSources {
  culture: Culture;
  share: number;
  surname: NameSource;
  givenFemale: NameSource;
  givenMale: NameSource;
}

const source = (parts: readonly (readonly string[])[], spec: ZipfSpec, key: string): NameSource => ({
  names: vocabulary(parts, spec.size, key),
  sampler: zipfSampler(spec),
});

let compiled: CultureSources[] | undefined;

/** The cultures' vocabularies and samplers, built once (they depend on no seed). */
export function cultureSources(): CultureSources[] {
  compiled ??= CULTURES.map((culture) => {
    const profile = NAME_PROFILES[culture.id];
    if (!profile) throw new Error(`No name profile for culture ${culture.id}`);
    const [starts, ends] = culture.surname;
    return {
      culture,
      share: profile.share,
      surname: source([starts, profile.surnameInfix, ends], profile.surname, `${culture.id}/surname`),
      givenFemale: source(culture.givenFemale, profile.givenFemale, `${culture.id}/given/f`),
      givenMale: source(culture.givenMale, profile.givenMale, `${culture.id}/given/m`),
    };
  });
  return compiled;
}

const drawName = (from: NameSource, rng: Rng): string[] => from.names[from.sampler.draw(rng)];

function pickCulture(sources: CultureSources[], rng: Rng): CultureSources {
  let x = rng.next();
  for (const s of sources) if ((x -= s.share) < 0) return s;
  return sources[sources.length - 1];
}

function makePerson(id: string, rng: Rng, sources: CultureSources[]): Person {
  const from = pickCulture(sources, rng);
  const { culture } = from;
  const sex = rng.chance(0.75) ? 'f' : 'm';
  const surnameOf = () => {
    const base = drawName(from.surname, rng).join('');
    return sex === 'f' && culture.feminise ? culture.feminise(base) : base;
  };
  const [first, second] = drawName(sex === 'f' ? from.givenFemale : from.givenMale, rng);
  const year = rng.int(1962, 2008);
  const month = rng.int(1, 12);
  const person: Person = {
    id,
    culture,
    sex,
    given: [first, second],
    surname: surnameOf(),
    dob: { year, month, day: rng.int(1, month === 2 ? 28 : 30) },
    place: rng.pick(culture.places),
  };
  if (sex === 'f' && year < 2000 && rng.chance(0.1)) person.marriedSurname = surnameOf();
  return person;
}

/** Writes a name as one organisation would: script, spelling system, marks, typos, case. */
function renderName(name: string, culture: Culture, profile: CorruptionProfile, rng: Rng, allowTypo = true): string {
  let s = name;
  if (culture.script === 'cyrillic' && rng.chance(profile.latinSpelling))
    s = latinFromCyrillic(s, rng, culture.id === 'bulgarian');
  else if (culture.script === 'greek' && rng.chance(profile.latinSpelling)) s = latinFromGreek(s, rng);
  else if (culture.script === 'latin' && rng.chance(profile.stripMarks)) s = stripMarks(s);
  if (allowTypo && rng.chance(profile.typo)) s = typo(s, rng);
  if (rng.chance(profile.upperCase)) s = s.toUpperCase();
  return s;
}

function recordOf(
  person: Person,
  orgId: string,
  profile: CorruptionProfile,
  rng: Rng,
  consent: boolean,
): SyntheticRecord {
  const { culture } = person;
  const [first, second] = person.given;
  const givenRaw = culture.id === 'chinese' && rng.chance(0.3) ? `${first} ${capitalise(second)}` : first + second;
  const surnameRaw = person.marriedSurname && rng.chance(profile.marriedName) ? person.marriedSurname : person.surname;
  let given: string | null = renderName(givenRaw, culture, profile, rng);
  let surname: string | null = renderName(surnameRaw, culture, profile, rng);
  if (rng.chance(profile.swapNames)) [given, surname] = [surname, given];
  const missing = profile.missing;
  const nativeSex = culture.script === 'cyrillic' && rng.chance(0.3) ? { f: 'Ж', m: 'М' }[person.sex] : undefined;
  return {
    recordId: '',
    orgId,
    consentToNetworkDedup: consent,
    truthPersonId: person.id,
    fields: {
      given_name: rng.chance(missing.given_name) ? null : given,
      surname: rng.chance(missing.surname) ? null : surname,
      date_of_birth: rng.chance(missing.date_of_birth) ? null : recordDob(person.dob, profile, rng),
      sex: rng.chance(missing.sex)
        ? null
        : (nativeSex ?? rng.pick(person.sex === 'f' ? ['F', 'female', 'f'] : ['M', 'male', 'm'])),
      citizenship: rng.chance(missing.citizenship) ? null : rng.pick(culture.citizenship),
      place_of_birth: rng.chance(missing.place_of_birth)
        ? null
        : renderName(person.place, culture, profile, rng, false),
    },
  };
}

/** Generates persons and their records at each organisation; records are shuffled and numbered per organisation. */
export function generateSynthetic(options: SyntheticOptions): SyntheticRecord[] {
  const rng = seededRng(options.seed);
  const orgs = options.orgs ?? ['org-a', 'org-b', 'org-c'];
  const presence = options.presence ?? 0.55;
  const profile = PROFILES[options.profile ?? 'standard'];
  const consentRate = options.consentRate ?? 1;
  const records: SyntheticRecord[] = [];
  const sources = cultureSources();
  for (let p = 0; p < options.persons; p++) {
    const person = makePerson(`truth-${p}`, rng, sources);
    let holders = orgs.filter(() => rng.chance(presence));
    if (holders.length === 0) holders = [rng.pick(orgs)];
    for (const org of holders) records.push(recordOf(person, org, profile, rng, rng.chance(consentRate)));
  }
  // Fisher–Yates, so record order and ids say nothing about who matches whom.
  for (let i = records.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [records[i], records[j]] = [records[j], records[i]];
  }
  const counters = new Map<string, number>();
  for (const r of records) {
    const n = (counters.get(r.orgId) ?? 0) + 1;
    counters.set(r.orgId, n);
    r.recordId = `${r.orgId}-${String(n).padStart(6, '0')}`;
  }
  return records;
}
