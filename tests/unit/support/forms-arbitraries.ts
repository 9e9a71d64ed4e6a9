/**
 * fast-check generators for the custom forms' property tests: expression ASTs over a small pool of
 * field names (so that generated expressions read generated values), definitions and values.
 */
import fc from 'fast-check';
import type { FieldType, FormDefinition } from '../../../src/domain/forms/definition';
import {
  type Ast,
  type BinaryOperator,
  FUNCTIONS,
  type FunctionName,
  printExpression,
} from '../../../src/domain/forms/expression';

export const NAMES = ['age', 'needs', 'dob', 'consent', 'note', 'kind', 'total', 'x.y', 'a-b', '__proto__'] as const;
const OPERATORS: BinaryOperator[] = ['or', 'and', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', 'div', 'mod'];
const CODES = ['red', 'blue', 'x', 'y', 'z', ''];

/** Texts with quotes of one kind only: XPath has no escape for a text holding both. */
const text = fc.oneof(
  fc.stringMatching(/^[a-z0-9 _'-]{0,6}$/),
  fc.stringMatching(/^[a-zé0-9 "]{0,6}$/),
  fc.constantFrom(...CODES),
  // Beyond one UTF-16 unit, upper-case that grows (ß), a dotted capital (İ): where engines could differ.
  fc.constantFrom('Ana 😀', '𝒜', 'ß', 'İstanbul', 'Ňa', ' 5 ', '2026-01-31'),
);
/** Non-negative numbers that print without an exponent (a minus is the negate node). */
const number = fc.oneof(
  fc.nat(200),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100),
);

export function astArbitrary(options: { self?: boolean; names?: readonly string[] } = {}): fc.Arbitrary<Ast> {
  const names = options.names ?? NAMES;
  const leaves: fc.Arbitrary<Ast>[] = [
    text.map((value) => ({ kind: 'literal', value })),
    number.map((value) => ({ kind: 'literal', value })),
    fc.boolean().map((value) => ({ kind: 'literal', value })),
    fc.constantFrom(...names).map((name) => ({ kind: 'field', name })),
    fc.constant({ kind: 'call', name: 'today', args: [] } as Ast),
    ...(options.self === false ? [] : [fc.constant({ kind: 'self' } as Ast)]),
  ];
  const { node } = fc.letrec<{ node: Ast }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      ...leaves,
      fc.record({ kind: fc.constant('negate' as const), operand: tie('node') }),
      fc.record({
        kind: fc.constant('binary' as const),
        op: fc.constantFrom(...OPERATORS),
        left: tie('node'),
        right: tie('node'),
      }),
      fc
        .constantFrom(...(Object.keys(FUNCTIONS) as FunctionName[]).filter((name) => name !== 'today'))
        .chain((name) => {
          const [min, max] = FUNCTIONS[name];
          return fc
            .array(tie('node'), { minLength: min, maxLength: Math.min(max, 3) })
            .map((args) => ({ kind: 'call' as const, name, args }));
        }),
    ),
  }));
  return node;
}

/** A value of any kind a field might be sent, including the wrong kinds. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  text,
  number,
  fc.integer({ min: -50, max: 50 }),
  fc.boolean(),
  fc.array(fc.constantFrom(...CODES), { maxLength: 3 }),
  fc.constantFrom('2026-01-31', '1999-12-31', '2026-02-30', '1850-01-01', '12', ' 7.5 ', null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Values by field name (the pool and a few unknown names). */
export const valuesArbitrary = fc.dictionary(fc.constantFrom(...NAMES, 'unknown', 'constructor'), anyValue, {
  maxKeys: 8,
});

const TYPES: FieldType[] = [
  'text',
  'long_text',
  'number',
  'date',
  'yes_no',
  'select_one',
  'select_multiple',
  'attachment',
  'calculated',
];
const expression = (self: boolean) => astArbitrary({ self }).map(printExpression);

const fieldArbitrary = (name: string) =>
  fc
    .record(
      {
        type: fc.constantFrom(...TYPES),
        required: fc.boolean(),
        retired: fc.boolean(),
        relevant: fc.option(expression(false), { nil: undefined }),
        constraint: fc.option(expression(true), { nil: undefined }),
        calculation: expression(false),
        list: fc.boolean(),
      },
      { requiredKeys: ['type', 'required', 'retired', 'calculation', 'list'] },
    )
    .map(({ type, list, calculation, ...rest }) => ({
      name,
      type,
      label: { en: name },
      sensitive: false,
      ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
      ...(type === 'calculated' ? { calculation } : {}),
      ...(type === 'select_one' || type === 'select_multiple'
        ? {
            choices: list
              ? { list: 'colours' }
              : { options: ['x', 'y', 'z'].map((code) => ({ code, label: { en: code.toUpperCase() } })) },
          }
        : {}),
    })) as fc.Arbitrary<FormDefinition['sections'][number]['fields'][number]>;

/** A definition over a subset of the name pool, in one to three sections (its expressions may be faulty). */
export const formArbitrary: fc.Arbitrary<Pick<FormDefinition, 'sections'>> = fc
  .shuffledSubarray([...NAMES], { minLength: 1 })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(fieldArbitrary)),
      fc.array(fc.nat(2), { minLength: names.length, maxLength: names.length }),
      fc.array(fc.option(expression(false), { nil: undefined }), { minLength: 3, maxLength: 3 }),
    ),
  )
  .map(([fields, placement, relevants]) => {
    const sections = [0, 1, 2]
      .map((s) => ({
        name: `section_${s}`,
        label: { en: `Section ${s}` },
        ...(relevants[s] !== undefined ? { relevant: relevants[s] } : {}),
        fields: fields.filter((_, i) => placement[i] === s),
      }))
      .filter((section) => section.fields.length > 0);
    return { sections };
  });

/** The organisation lists the generated forms may name. */
export const choicesOf = (list: string) => (list === 'colours' ? ['red', 'blue'] : undefined);
