/**
 * The three-way merge of an offline edit (issue #18): `base` is what the device started from, `mine`
 * what the device made of it, `theirs` what the server holds now. Field by field:
 *
 * - unchanged on both sides → kept;
 * - changed on one side only → that side's value;
 * - changed on both sides to the same value → that value;
 * - changed on both sides to different values → a conflict, queued for a person to choose.
 *
 * A list of records (micro-objectives, answers…) is one value, compared whole. A field the device
 * does not send is one it did not change (its base value); a cleared field is sent as `null`.
 *
 * Protected fields (risk, consent, legal, identity, the case owner: `protectedFieldsOf`) are never
 * resolved silently: changed on both sides they are a conflict even when the values agree, and a
 * protected field changed on a base that is not the current version is a conflict as soon as the
 * server changed anything in that record.
 */

export type Fields = Readonly<Record<string, unknown>>;

export interface MergeInput {
  base: Fields;
  mine: Fields;
  theirs: Fields;
  /** The fields of this record that are never resolved silently. */
  protectedFields: ReadonlySet<string>;
  /** Whether the device's base is the server's current version of the record. */
  baseIsCurrent: boolean;
}

export interface MergeResult {
  /** The record to store: theirs with every field the device changed without conflict. */
  merged: Record<string, unknown>;
  /** Fields whose value comes from the device. */
  applied: string[];
  /** Fields the server changed and the device did not: kept from the server. */
  keptFromServer: string[];
  /** Fields for a person to choose. */
  conflicts: string[];
}

/** Canonical JSON (sorted keys, undefined dropped): two values are equal when these agree. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** Equal as stored values: `undefined` and `null` are both "no value". */
export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

const has = (o: Fields, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The value the device means for a field: what it sent, or its base when it did not send it. */
const mineOf = (input: MergeInput, field: string) => (has(input.mine, field) ? input.mine[field] : input.base[field]);

export function threeWayMerge(input: MergeInput): MergeResult {
  const { base, theirs, protectedFields, baseIsCurrent } = input;
  const fields = [...new Set([...Object.keys(base), ...Object.keys(input.mine), ...Object.keys(theirs)])].sort();
  const serverChanged = fields.filter((f) => !sameValue(theirs[f], base[f]));
  const merged: Record<string, unknown> = { ...theirs };
  const applied: string[] = [];
  const keptFromServer: string[] = [];
  const conflicts: string[] = [];
  for (const field of fields) {
    const b = base[field];
    const m = mineOf(input, field);
    const t = theirs[field];
    const mineChanged = !sameValue(m, b);
    const theirsChanged = !sameValue(t, b);
    if (!mineChanged) {
      if (theirsChanged) keptFromServer.push(field);
      continue;
    }
    const guarded = protectedFields.has(field);
    // A protected field the device changed on an outdated base, in a record the server changed: a person decides.
    if (guarded && (theirsChanged || (!baseIsCurrent && serverChanged.length > 0))) {
      conflicts.push(field);
      continue;
    }
    if (!theirsChanged || sameValue(m, t)) {
      applied.push(field);
      if (m === null || m === undefined) delete merged[field];
      else merged[field] = m;
      continue;
    }
    conflicts.push(field);
  }
  return { merged, applied, keptFromServer, conflicts };
}

/** A choice for one conflicting field: the device's value, the server's, or a value she wrote. */
export type FieldChoice =
  { field: string; take: 'mine' | 'theirs' } | { field: string; take: 'edited'; value: unknown };

/**
 * The changes a resolution writes on the record as it is now: only the fields she took from her
 * device or wrote herself (taking the server's value leaves the current value as it is).
 */
export function resolutionChanges(
  choices: readonly FieldChoice[],
  mine: Fields,
): { set: Record<string, unknown>; cleared: string[] } {
  const set: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const choice of choices) {
    if (choice.take === 'theirs') continue;
    const value = choice.take === 'edited' ? (choice as { value: unknown }).value : mine[choice.field];
    if (value === null || value === undefined) cleared.push(choice.field);
    else set[choice.field] = value;
  }
  return { set, cleared };
}

/**
 * Kinds of record whose every field is protected: risk, consent, legal status and proceedings,
 * identification and its determinations, her age and a child's protection.
 */
export const PROTECTED_ENTRY_KINDS: ReadonlySet<string> = new Set([
  'risk_assessment',
  'consent',
  'legal_event',
  'identification',
  'determination_organisation',
  'determination_authority',
  'migration_status',
  'age_assessment',
  'best_interests_determination',
  'child_protection_referral',
]);

/** The case's own fields and her person's a `case_update` may carry. */
export const CASE_FIELDS = ['programmeType', 'country', 'cooperationWithAuthorities'] as const;
export const PERSON_FIELDS = [
  'givenName',
  'familyName',
  'aliases',
  'dateOfBirth',
  'sex',
  'citizenship',
  'languages',
  'contact',
  'documents',
  'chosenTerm',
  'pronouns',
  'preferredLanguage',
] as const;

/** Her identity, her cooperation with the authorities (a legal fact) and who owns the case. */
export const PROTECTED_CASE_FIELDS: ReadonlySet<string> = new Set([
  'givenName',
  'familyName',
  'aliases',
  'dateOfBirth',
  'sex',
  'citizenship',
  'documents',
  'contact',
  'cooperationWithAuthorities',
  'ownerId',
]);

/** The protected fields of one record: every field of a protected kind, the listed ones of a case. */
export function protectedFieldsOf(
  target: { type: 'entry'; kind: string } | { type: 'case' },
  fields: Iterable<string>,
): ReadonlySet<string> {
  const all = [...fields];
  if (target.type === 'entry') return new Set(PROTECTED_ENTRY_KINDS.has(target.kind) ? all : []);
  return new Set(all.filter((f) => PROTECTED_CASE_FIELDS.has(f)));
}
