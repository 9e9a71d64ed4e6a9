/**
 * Custom form validation (src/domain/forms/validate.ts): skip logic in dependency order, calculated
 * fields recomputed, types, required, constraints, choices, retired and unknown fields, and the
 * definition checks the form builder shows (with paths).
 */
import { describe, expect, test } from 'vitest';
import type { FormShape } from '../../src/domain/forms/validate';
import { checkDefinition, computeValues, relevantFields, validateValues } from '../../src/domain/forms/validate';

const TODAY = '2026-12-01';
const choicesOf = (list: string) => (list === 'needs' ? ['shelter', 'food', 'legal'] : undefined);
const check = (form: FormShape, values: unknown, keepRetired = false) =>
  validateValues(form, values, { today: TODAY, choicesOf, keepRetired });

const form: FormShape = {
  sections: [
    {
      name: 'about',
      fields: [
        // Declared before what it reads: dependency order, not form order, decides.
        { name: 'school', type: 'text', required: true, relevant: '${is_minor}' },
        {
          name: 'age',
          type: 'number',
          required: true,
          constraint: '. >= 0 and . <= 120',
          constraintMessage: { en: '0 to 120' },
        },
        { name: 'is_minor', type: 'calculated', calculation: '${age} < 18' },
        { name: 'dob', type: 'date' },
        { name: 'consent', type: 'yes_no' },
        { name: 'old_field', type: 'text', retired: true },
      ],
    },
    {
      name: 'support',
      relevant: "${consent} = 'yes'",
      fields: [
        { name: 'needs', type: 'select_multiple', required: true, choices: { list: 'needs' } },
        {
          name: 'shelter_kind',
          type: 'select_one',
          relevant: "selected(${needs}, 'shelter')",
          choices: { options: [{ code: 'safe_house', label: { en: 'Safe house' } }] },
        },
      ],
    },
  ],
};

describe('validateValues', () => {
  test('skip logic follows dependencies: a calculated field decides relevance of a field before it', () => {
    expect(check(form, { age: 15, school: 'Liceo' })).toEqual({
      values: { age: 15, is_minor: true, school: 'Liceo' },
      issues: [],
    });
    const adult = check(form, { age: 30, school: 'Liceo' });
    expect(adult.values).toEqual({ age: 30, is_minor: false }); // school dropped: not asked of an adult
    expect(adult.issues).toEqual([]);
    expect(check(form, { age: 15 }).issues).toEqual([
      { field: 'school', code: 'required', message: 'An answer is required' },
    ]);
  });

  test("the client's calculation is never trusted", () => {
    expect(check(form, { age: 30, is_minor: true }).values.is_minor).toBe(false);
  });

  test('a section that is not relevant drops its fields and their requirements, transitively', () => {
    expect(check(form, { age: 30, consent: false, needs: ['shelter'], shelter_kind: 'safe_house' })).toEqual({
      values: { age: 30, is_minor: false, consent: false },
      issues: [],
    });
    expect(check(form, { age: 30, consent: true }).issues).toEqual([
      { field: 'needs', code: 'required', message: 'An answer is required' },
    ]);
    expect(check(form, { age: 30, consent: true, needs: ['food'], shelter_kind: 'safe_house' }).values).toEqual({
      age: 30,
      is_minor: false,
      consent: true,
      needs: ['food'],
    });
  });

  test('types, choices, constraints: each named with its field', () => {
    const result = check(form, {
      age: 130,
      dob: '2026-02-30',
      consent: 'yes',
      needs: ['shelter', 'spa'],
    });
    expect(result.issues).toEqual([
      { field: 'age', code: 'constraint', message: '0 to 120' },
      { field: 'dob', code: 'type', message: 'Expected a date YYYY-MM-DD (1900–2100)' },
      { field: 'consent', code: 'type', message: 'Expected yes or no (true or false)' },
    ]);
    // consent was not a yes/no, so the support section is not relevant and needs is not checked.
    expect(check(form, { age: 20, consent: true, needs: ['shelter', 'spa'], shelter_kind: 'tent' }).issues).toEqual([
      { field: 'needs', code: 'choice', message: 'Not among the choices: spa' },
    ]);
    expect(check(form, { age: 20, consent: true, needs: ['shelter'], shelter_kind: 'tent' }).issues).toEqual([
      { field: 'shelter_kind', code: 'choice', message: '"tent" is not one of the choices' },
    ]);
  });

  test('numbers may come as numeric text; blanks are no answer', () => {
    expect(check(form, { age: ' 42 ', dob: '', school: '  ' }).values).toEqual({ age: 42, is_minor: false });
    expect(check(form, { age: '42 years' }).issues[0]).toMatchObject({ field: 'age', code: 'type' });
  });

  test('unknown names and retired fields are refused; a correction may keep a retired answer', () => {
    expect(check(form, { age: 20, nickname: 'x', old_field: 'kept?' }).issues).toEqual([
      { field: 'nickname', code: 'unknown_field', message: 'The form has no field "nickname"' },
      { field: 'old_field', code: 'unknown_field', message: 'The field "old_field" is retired and takes no answers' },
    ]);
    expect(check(form, { age: 20, old_field: 'kept' }, true)).toEqual({
      values: { age: 20, is_minor: false, old_field: 'kept' },
      issues: [],
    });
  });

  test('not an object: one issue, no throw', () => {
    for (const values of [null, [], 'x', 3])
      expect(check(form, values)).toEqual({
        values: {},
        issues: [{ field: '', code: 'type', message: 'Expected an object of values by field name' }],
      });
  });

  test('a field may be called __proto__ or constructor', () => {
    const odd: FormShape = {
      sections: [
        {
          name: 's',
          fields: [
            { name: '__proto__', type: 'number' },
            { name: 'constructor', type: 'calculated', calculation: '${__proto__} * 2' },
          ],
        },
      ],
    };
    const result = check(odd, JSON.parse('{"__proto__": 4}'));
    expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
    expect(Object.entries(result.values)).toEqual([
      ['__proto__', 4],
      ['constructor', 8],
    ]);
  });
});

describe('relevantFields and computeValues (what the browser shows as she types)', () => {
  test('relevance and calculations from the values so far', () => {
    expect([...relevantFields(form, { age: 15 }, TODAY)].sort()).toEqual([
      'age',
      'consent',
      'dob',
      'is_minor',
      'old_field',
      'school',
    ]);
    expect(relevantFields(form, { age: 20, consent: true, needs: ['shelter'] }, TODAY).has('shelter_kind')).toBe(true);
    expect(computeValues(form, { age: 15, is_minor: false, dob: '2011-01-01' }, TODAY)).toEqual({
      age: 15,
      is_minor: true,
      dob: '2011-01-01',
    });
    // An empty calculation is no value.
    expect(computeValues(form, { is_minor: true }, TODAY)).toEqual({ is_minor: false });
  });
});

describe('checkDefinition', () => {
  test('a sound form has no issues', () => expect(checkDefinition(form)).toEqual([]));

  test('every problem at once, each with its path', () => {
    const faulty: FormShape = {
      sections: [
        {
          name: 'one',
          relevant: '${b} = 1',
          fields: [
            { name: 'a', type: 'number', relevant: '${a} > 1 and (' },
            { name: 'b', type: 'number', constraint: '. > ${nowhere}' },
            { name: 'c', type: 'calculated', calculation: '. + 1' },
          ],
        },
        {
          name: 'two',
          fields: [
            { name: 'd', type: 'calculated', calculation: '${e} + 1' },
            { name: 'e', type: 'calculated', calculation: '${d} + 1' },
          ],
        },
      ],
    };
    expect(checkDefinition(faulty)).toEqual([
      {
        path: ['sections', 0, 'fields', 0, 'relevant'],
        field: 'a',
        property: 'relevant',
        code: 'invalid_expression',
        message: 'Expected a value, found the end of the expression (at character 15)',
        position: 14,
      },
      {
        path: ['sections', 0, 'fields', 1, 'constraint'],
        field: 'b',
        property: 'constraint',
        code: 'unknown_field',
        message: '${nowhere} is not a field of this form',
      },
      {
        path: ['sections', 0, 'fields', 2, 'calculation'],
        field: 'c',
        property: 'calculation',
        code: 'invalid_expression',
        message: '"." is the answer itself and has a meaning only in a constraint',
      },
      // b is in section one, whose relevance reads b: b depends on itself.
      {
        path: ['sections', 0, 'fields', 1, 'relevant'],
        field: 'b',
        property: 'relevant',
        code: 'cycle',
        message: 'b depends on itself: b → b',
      },
      {
        path: ['sections', 1, 'fields', 0, 'calculation'],
        field: 'd',
        property: 'calculation',
        code: 'cycle',
        message: 'd depends on itself: d → e → d',
      },
      {
        path: ['sections', 1, 'fields', 1, 'calculation'],
        field: 'e',
        property: 'calculation',
        code: 'cycle',
        message: 'e depends on itself: e → d → e',
      },
    ]);
  });

  test('values of a form with a cycle still validate without looping', () => {
    const loop: FormShape = {
      sections: [{ name: 's', fields: [{ name: 'a', type: 'text', relevant: "${a} != 'x'" }] }],
    };
    expect(check(loop, { a: 'y' }).values).toEqual({ a: 'y' });
  });
});
