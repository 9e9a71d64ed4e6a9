import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { ENTRY_SCHEMAS, SECRET_FIELDS, type EntryKind } from './entries';
import { hasClearSecrets, jsonPathOf, mergeSecretFields, splitSecretFields } from './entry-secrets';

/** Free text that describes the provider or a language, not her: kept clear on purpose. */
const CLEAR_BY_CHOICE = new Set([
  'service.partnerName',
  'service.staffRole',
  'own_account.language',
  'consent.language',
  // A course's title and a guidance or course provider describe the offer, not her (as service.partnerName).
  'guidance_session.partnerName',
  'training.partnerName',
  'training.title',
]);

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  let current = s;
  while (['optional', 'nullable', 'default'].includes(defOf(current).type)) current = defOf(current).innerType!;
  return current;
}

/** Every path of a schema that accepts free text (a sentence with spaces), as SECRET_FIELDS spells paths. */
function freeTextPaths(shape: Record<string, z.ZodType>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, field] of Object.entries(shape)) {
    const inner = unwrap(field);
    const def = defOf(inner);
    if (def.type === 'array') {
      const element = unwrap(def.element!);
      if (defOf(element).type === 'object') out.push(...freeTextPaths(defOf(element).shape!, `${prefix}${name}[].`));
      else if (element.safeParse('Free text probe').success) out.push(prefix + name);
    } else if (def.type === 'object') {
      out.push(...freeTextPaths(def.shape!, `${prefix}${name}.`));
    } else if (inner.safeParse('Free text probe').success) {
      out.push(prefix + name);
    }
  }
  return out;
}

describe('secret fields of case records', () => {
  test.each(Object.keys(ENTRY_SCHEMAS) as EntryKind[])(
    'every free-text field of %s is encrypted (or kept clear on purpose)',
    (kind) => {
      const secret = SECRET_FIELDS[kind] ?? [];
      const covered = (path: string) =>
        secret.some((s) => path === s || path.startsWith(`${s}[].`) || path.startsWith(`${s}.`));
      const uncovered = freeTextPaths(defOf(ENTRY_SCHEMAS[kind] as unknown as z.ZodType).shape!).filter(
        (p) => !covered(p) && !CLEAR_BY_CHOICE.has(`${kind}.${p}`),
      );
      expect(uncovered).toEqual([]);
    },
  );

  test('a top-level field moves to the secret part and back', () => {
    const { clear, secrets } = splitSecretFields(['notes'], { reviewedOn: '2025-01-01', notes: 'Demo secret' });
    expect(clear).toEqual({ reviewedOn: '2025-01-01' });
    expect(secrets).toEqual({ notes: 'Demo secret' });
    expect(mergeSecretFields(clear, secrets)).toEqual({ reviewedOn: '2025-01-01', notes: 'Demo secret' });
  });

  test('a null value is a value (she gave no reasons) and is kept secret too', () => {
    const { clear, secrets } = splitSecretFields(['statedReasons'], { kind: 'violence', statedReasons: null });
    expect(clear).toEqual({ kind: 'violence' });
    expect(mergeSecretFields(clear, secrets)).toEqual({ kind: 'violence', statedReasons: null });
  });

  test('a field inside list elements is split by index and merged back into the same elements', () => {
    const data = {
      date: '2025-01-01',
      scores: [
        { element: 'a', score: 1, note: 'Demo one' },
        { element: 'b', score: 2 },
        { element: 'c', score: 3, note: 'Demo three' },
      ],
    };
    const { clear, secrets } = splitSecretFields(['scores[].note'], data);
    expect(JSON.stringify(clear)).not.toContain('Demo');
    expect(clear.scores).toEqual([
      { element: 'a', score: 1 },
      { element: 'b', score: 2 },
      { element: 'c', score: 3 },
    ]);
    expect(secrets).toEqual({ 'scores[].note': ['Demo one', null, 'Demo three'] });
    expect(mergeSecretFields(clear, secrets)).toEqual(data);
  });

  test('nothing secret gives no secret part; absent lists are left alone', () => {
    expect(
      splitSecretFields(['scores[].note', 'note'], { date: '2025-01-01', scores: [{ score: 1 }] }).secrets,
    ).toBeNull();
    expect(splitSecretFields(['microObjectives[].title'], { title: 'x' }).clear).toEqual({ title: 'x' });
  });

  test('rows written before encryption are recognised, and their clear values survive a merge', () => {
    expect(hasClearSecrets(['scores[].note'], { scores: [{ score: 1, note: 'Demo' }] })).toBe(true);
    expect(hasClearSecrets(['scores[].note', 'note'], { scores: [{ score: 1 }] })).toBe(false);
    expect(mergeSecretFields({ notes: 'Demo legacy' }, null)).toEqual({ notes: 'Demo legacy' });
  });

  test.each([
    ['notes', '$."notes"'],
    ['scores[].note', '$."scores"[*]."note"'],
  ])('the jsonpath of %s is %s', (path, expected) => {
    expect(jsonPathOf(path)).toBe(expected);
  });
});
