/**
 * The expression language of custom forms (src/domain/forms/expression.ts): each construct of the
 * grammar, precedence, the XLSForm/ODK semantics of empty values, numbers and dates, and errors that
 * name their position. Property: printing any AST and parsing it back gives the same AST.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type Ast,
  type EvalEnv,
  ExpressionError,
  MAX_DEPTH,
  MAX_LENGTH,
  evaluate,
  parseExpression,
  printExpression,
  referencedFields,
  truthy,
} from '../../src/domain/forms/expression';
import { astArbitrary } from './support/forms-arbitraries';

const env: EvalEnv = {
  values: {
    age: 20,
    child_age: 12,
    needs: ['shelter', 'food'],
    dob: '2000-06-15',
    arrived: '2026-11-20',
    consent: false,
    agreed: true,
    name: 'Ana Maria',
    code: '5',
    empty_list: [],
  },
  today: '2026-12-01',
};
const value = (source: string, self?: EvalEnv['self']) => evaluate(parseExpression(source), { ...env, self });

describe('grammar: each construct', () => {
  test.each<[string, unknown]>([
    // references and literals
    ['${age}', 20],
    ['${missing}', ''],
    ["'single'", 'single'],
    ['"double"', 'double'],
    ['"it\'s"', "it's"],
    ['\'say "hi"\'', 'say "hi"'],
    ['42', 42],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['true()', true],
    ['false()', false],
    ['( ${age} )', 20],
    // comparison
    ['${age} = 20', true],
    ['${age} != 20', false],
    ['${age} < 21', true],
    ['${age} <= 20', true],
    ['${age} > 20', false],
    ['${age} >= 20', true],
    // logic
    ['${age} >= 18 and ${agreed}', true],
    ['${age} < 18 or ${agreed}', true],
    ['${age} < 18 or ${consent}', false],
    ['not(${consent})', true],
    // arithmetic
    ['${age} + 1', 21],
    ['${age} - 1', 19],
    ['${age} * 2', 40],
    ['${age} div 8', 2.5],
    ['${age} mod 6', 2],
    ['-${age}', -20],
    ['- -${age}', 20],
    ['1 div 0', null],
    // functions
    ["selected(${needs}, 'shelter')", true],
    ["selected(${needs}, 'legal')", false],
    ["selected('a b c', 'b')", true],
    ['count-selected(${needs})', 2],
    ['count-selected(${missing})', 0],
    ['string-length(${name})', 9],
    ["if(${agreed}, 'yes', 'no')", 'yes'],
    ["if(${consent}, 'yes', 'no')", 'no'],
    ["coalesce(${missing}, 'fallback')", 'fallback'],
    ["coalesce(${name}, 'fallback')", 'Ana Maria'],
    ["coalesce(${empty_list}, 'none')", 'none'],
    ['today()', '2026-12-01'],
    ['int(7.9)', 7],
    ['int(-7.9)', -7],
    ['number(${code})', 5],
    ["number('abc')", null],
    ['string(${age})', '20'],
    ['string(${agreed})', 'true'],
    ['string(${needs})', 'shelter food'],
    ["contains(${name}, 'Maria')", true],
    ["starts-with(${name}, 'Maria')", false],
    ["date('2026-02-28')", '2026-02-28'],
    ["date('2026-02-30')", null],
    ['date(0)', '1970-01-01'],
    ["concat('a', 1, true())", 'a1true'],
  ])('%s → %j', (source, expected) => expect(value(source)).toEqual(expected));
});

describe('precedence and associativity', () => {
  test.each<[string, unknown]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3], // left-associative
    ['2 * 3 mod 4', 2], // (2 * 3) mod 4
    ['12 div 2 div 3', 2],
    ['-2 * 3', -6],
    ['-(2 + 3)', -5],
    ['1 + 1 = 2', true], // arithmetic before comparison
    ['1 < 2 = true()', true], // relational before equality
    ['true() or false() and false()', true], // and before or
    ['(true() or false()) and false()', false],
    ['not(1 = 2) and 3 > 2', true],
  ])('%s → %j', (source, expected) => expect(value(source)).toEqual(expected));

  test('the AST shows the binding', () => {
    expect(parseExpression('1 or 2 and 3 = 4 < 5 + 6 * 7')).toEqual({
      kind: 'binary',
      op: 'or',
      left: { kind: 'literal', value: 1 },
      right: {
        kind: 'binary',
        op: 'and',
        left: { kind: 'literal', value: 2 },
        right: {
          kind: 'binary',
          op: '=',
          left: { kind: 'literal', value: 3 },
          right: {
            kind: 'binary',
            op: '<',
            left: { kind: 'literal', value: 4 },
            right: {
              kind: 'binary',
              op: '+',
              left: { kind: 'literal', value: 5 },
              right: {
                kind: 'binary',
                op: '*',
                left: { kind: 'literal', value: 6 },
                right: { kind: 'literal', value: 7 },
              },
            },
          },
        },
      },
    });
  });
});

describe('XLSForm semantics', () => {
  test.each<[string, unknown]>([
    // A missing value is '' and compares with ''.
    ["${missing} = ''", true],
    ["${age} != ''", true],
    ["${missing} != ''", false],
    ["${empty_list} = ''", true],
    // Numbers compare numerically, also against numeric text; '' is no number.
    ['${code} = 5', true],
    ["'5.0' = 5", true],
    ["'10' > '9'", true],
    ['${missing} = 0', false],
    ['${missing} < 5', false],
    // Dates compare and subtract as days.
    ['${dob} < today()', true],
    ["${arrived} >= '2026-11-20'", true],
    ['today() - ${arrived}', 11],
    ['int((today() - ${dob}) div 365.25)', 26],
    ['${missing} < today()', false],
    // A yes/no answer against text: only its own words.
    ["${consent} = 'no'", true],
    ["${consent} = 'yes'", false],
    ["${agreed} = 'yes'", true],
    ["${agreed} = 'true'", true],
    ["${consent} = ''", false],
    ['${agreed} = true()', true],
    ['${agreed} = 1', true],
  ])('%s → %j', (source, expected) => expect(value(source)).toEqual(expected));

  test('`.` is the value a constraint checks', () => {
    expect(value('. >= 0 and . <= 120', 30)).toBe(true);
    expect(value('. >= 0 and . <= 120', 130)).toBe(false);
    expect(value('string-length(.) <= 3', 'abcd')).toBe(false);
    expect(value('. = ""')).toBe(true);
  });

  test('truthy is XPath boolean()', () => {
    expect([true, 1, -1, 'a', 'false', ['x']].map(truthy)).toEqual([true, true, true, true, true, true]);
    expect([false, 0, NaN, '', [], null].map(truthy)).toEqual([false, false, false, false, false, false]);
  });

  test('values of the wrong kind read as empty, never as code', () => {
    const odd = { values: { a: { toString: () => 'x' } as never, b: NaN, c: [1, 'y'] as never }, today: '2026-01-01' };
    expect(evaluate(parseExpression("${a} = ''"), odd)).toBe(true);
    expect(evaluate(parseExpression("${b} = ''"), odd)).toBe(true);
    expect(evaluate(parseExpression("selected(${c}, 'y')"), odd)).toBe(true);
    // Names are own properties only: a field called constructor or __proto__ is not Object's.
    expect(evaluate(parseExpression("${constructor} = ''"), odd)).toBe(true);
    expect(evaluate(parseExpression("${__proto__} = ''"), odd)).toBe(true);
  });

  test('referencedFields names each ${name} once, in order', () => {
    expect(referencedFields(parseExpression('if(${b} > 1, ${a}, coalesce(${b}, ${c.d}))'))).toEqual(['b', 'a', 'c.d']);
    expect(referencedFields(parseExpression('. > 1'))).toEqual([]);
  });
});

describe('errors name their position', () => {
  test.each<[string, number, RegExp]>([
    ['', 0, /empty/],
    ['${age} +', 8, /Expected a value, found the end/],
    ['${age', 0, /never closed/],
    ['${1x}', 0, /not a field name/],
    ['$age', 0, /\$\{name\}/],
    ["'open", 0, /never closed with '/],
    ['(1 + 2', 6, /close the "\(" at character 1/],
    ['1 2', 2, /operator missing/],
    ['age > 3', 0, /"age" is not a value: a field is written \$\{age\}/],
    ['foo(1)', 0, /Unknown function foo\(\)/],
    ["regex(., '^a+$')", 0, /regex\(\) is not supported/],
    ['if(1, 2)', 0, /if\(\) takes 3 arguments, not 2/],
    ['today(1)', 0, /today\(\) takes 0 arguments/],
    ['true(1)', 0, /true\(\) takes no arguments/],
    ['1 # 2', 2, /"#" has no meaning/],
    ['3and 4', 1, /runs into a name/],
    ['and 1', 0, /"and" needs a value before it/],
    ['${a} = = 1', 7, /Expected a value, found "="/],
    ['count-selected(${a},)', 20, /Expected a value, found "\)"/],
  ])('%j fails at %i', (source, position, message) => {
    let caught: unknown;
    try {
      parseExpression(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    const error = caught as ExpressionError;
    expect(error.code).toBe('invalid_expression');
    expect(error.message).toMatch(message);
    expect(error.details).toEqual({ position, expression: source });
    expect(error.message).toContain(source === '' ? 'empty' : `(at character ${position + 1})`);
  });

  test('length and depth are limited', () => {
    expect(() => parseExpression('1' + ' + 1'.repeat(MAX_LENGTH / 4))).toThrow(/at most 2000 characters/);
    expect(() => parseExpression('('.repeat(MAX_DEPTH + 2) + '1' + ')'.repeat(MAX_DEPTH + 2))).toThrow(/nests at most/);
    expect(() => parseExpression('-'.repeat(MAX_DEPTH + 2) + '1')).toThrow(/nests at most/);
    expect(() => parseExpression('not('.repeat(MAX_DEPTH + 2) + '1' + ')'.repeat(MAX_DEPTH + 2))).toThrow(
      /nests at most/,
    );
    expect(value('('.repeat(MAX_DEPTH - 1) + '1' + ')'.repeat(MAX_DEPTH - 1))).toBe(1);
  });
});

describe('properties', () => {
  test('printing any AST and parsing it back gives the same AST (and so the same value)', () => {
    fc.assert(
      fc.property(astArbitrary(), (ast: Ast) => {
        const printed = printExpression(ast);
        // Deep generated trees may pass the depth limit; those must be refused as such, nothing else.
        let parsed: Ast;
        try {
          parsed = parseExpression(printed);
        } catch (error) {
          expect((error as Error).message).toMatch(/nests at most|at most 2000 characters/);
          return;
        }
        expect(parsed).toEqual(ast);
        expect(printExpression(parsed)).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });

  test('any text either parses or is refused as an ExpressionError; evaluating never throws', () => {
    const pieces = fc.constantFrom(
      '${a}',
      '${',
      '}',
      "'",
      '"',
      '(',
      ')',
      ',',
      '.',
      '-',
      ' and ',
      ' div ',
      'if',
      'not',
      '=',
      '<=',
      '1',
      '.5',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
        ),
        (source) => {
          let ast: Ast;
          try {
            ast = parseExpression(source);
          } catch (error) {
            expect(error).toBeInstanceOf(ExpressionError);
            return;
          }
          evaluate(ast, env);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('a text holding both quotes prints as a concat() that evaluates to it', () => {
    const ast: Ast = { kind: 'literal', value: `it's "so"` };
    expect(value(printExpression(ast))).toBe(`it's "so"`);
  });
});
