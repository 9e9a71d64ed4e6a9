/**
 * Browser/server equivalence of the custom forms' logic: expression.ts and validate.ts bundled by
 * esbuild for the browser (as Vite bundles them for the web) run in a node:vm context that has no
 * Node globals (no process, require, Buffer), and give the same results as the Node modules for
 * random expressions, forms and values: evaluation, parse errors, relevance, calculations, issues
 * and definition checks. Also (c): validateValues never throws, whatever JSON it is given.
 */
import { build } from 'esbuild';
import fc from 'fast-check';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, test } from 'vitest';
import * as expression from '../../src/domain/forms/expression';
import * as validate from '../../src/domain/forms/validate';
import { anyValue, astArbitrary, choicesOf, formArbitrary, valuesArbitrary } from './support/forms-arbitraries';

const FORMS_DIR = path.resolve(import.meta.dirname, '../../src/domain/forms');
const TODAY = '2026-12-01';

type Call = { op: string; args: unknown[] };

/**
 * Runs one operation with the given modules and returns its result as JSON, so that both realms'
 * answers compare as plain data (a Set as its sorted members, an error as its code and details).
 */
const RUNNER = `(mods, json) => {
  const { op, args } = JSON.parse(json);
  const choicesOf = (list) => (list === 'colours' ? ['red', 'blue'] : undefined);
  try {
    switch (op) {
      case 'evaluate': {
        // The value of every subexpression, so that a difference deep inside cannot hide behind an outer one.
        const nodes = [];
        const collect = (node) => {
          nodes.push(node);
          for (const child of [node.operand, node.left, node.right, ...(node.args ?? [])]) if (child) collect(child);
        };
        collect(mods.parseExpression(args[0]));
        return JSON.stringify({ ok: nodes.map((node) => mods.evaluate(node, args[1])) });
      }
      case 'parse': return JSON.stringify({ ok: mods.parseExpression(args[0]) });
      case 'relevant': return JSON.stringify({ ok: [...mods.relevantFields(args[0], args[1], ${JSON.stringify(TODAY)})].sort() });
      case 'compute': return JSON.stringify({ ok: mods.computeValues(args[0], args[1], ${JSON.stringify(TODAY)}) });
      case 'validate': return JSON.stringify({ ok: mods.validateValues(args[0], args[1], { today: ${JSON.stringify(TODAY)}, choicesOf }) });
      case 'check': return JSON.stringify({ ok: mods.checkDefinition(args[0]) });
    }
    return JSON.stringify({ unknownOp: op });
  } catch (error) {
    return JSON.stringify({ error: { name: error.name, code: error.code, message: error.message, details: error.details } });
  }
}`;

let inBrowser: (call: Call) => unknown;
const inNode = (call: Call): unknown => {
  // The same runner source in this realm as in the browser's.
  const runner = vm.runInThisContext(`(${RUNNER})`) as (mods: unknown, json: string) => string;
  return JSON.parse(runner({ ...expression, ...validate }, JSON.stringify(call)));
};

beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: "export * from './expression'; export * from './validate';",
      resolveDir: FORMS_DIR,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'forms',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0].text;
  // Nothing of Node may reach the browser bundle.
  expect(code).not.toMatch(/\brequire\(|node:|process\.|Buffer\b/);
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'forms.browser.js' });
  expect(vm.runInContext('[typeof process, typeof require, typeof Buffer, typeof globalThis.fetch]', context)).toEqual([
    'undefined',
    'undefined',
    'undefined',
    'undefined',
  ]);
  const runner = vm.runInContext(`(${RUNNER})`, context) as (mods: unknown, json: string) => string;
  const mods = vm.runInContext('forms', context);
  inBrowser = (call) => JSON.parse(runner(mods, JSON.stringify(call)));
});

const same = (call: Call) => {
  const node = inNode(call);
  expect(inBrowser(call)).toEqual(node);
  return node as { ok?: unknown; error?: { name: string } };
};

describe('the browser bundle and the Node modules agree', () => {
  test('on the value of random expressions over random values', () => {
    fc.assert(
      fc.property(astArbitrary(), valuesArbitrary, anyValue, (ast, values, self) => {
        const result = same({
          op: 'evaluate',
          args: [expression.printExpression(ast), { values, self, today: TODAY }],
        });
        // A generated expression parses unless it is too deep; then both refuse it alike.
        if (result.error) expect(result.error.name).toBe('ExpressionError');
      }),
      { numRuns: 400 },
    );
  }, 30_000);

  test('on parsing arbitrary text, errors and positions included', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (source) => {
        same({ op: 'parse', args: [source] });
      }),
      { numRuns: 300 },
    );
  });

  test('on relevance, calculations, issues and definition checks of random forms', () => {
    fc.assert(
      fc.property(formArbitrary, valuesArbitrary, (form, values) => {
        for (const op of ['relevant', 'compute', 'validate', 'check']) {
          const result = same({ op, args: [form, values] });
          expect(result.error).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  test('the comparison itself sees a difference (a bundle of another today() disagrees)', () => {
    const call: Call = { op: 'evaluate', args: ['today()', { values: {}, today: TODAY }] };
    expect(inBrowser(call)).toEqual({ ok: [TODAY] });
    expect(inBrowser(call)).not.toEqual(inNode({ ...call, args: ['today()', { values: {}, today: '2026-12-02' }] }));
  });
});

describe('validateValues never throws', () => {
  test('on arbitrary JSON as the values, or as any field’s value', () => {
    fc.assert(
      fc.property(
        formArbitrary,
        fc.oneof(fc.jsonValue(), valuesArbitrary),
        fc.boolean(),
        (form, values, keepRetired) => {
          const result = validate.validateValues(form, values, { today: TODAY, choicesOf, keepRetired });
          expect(Array.isArray(result.issues)).toBe(true);
          // What it keeps are values of relevant fields of the form, of the kinds a field holds.
          const names = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.name)));
          // A definition with a cycle (which publishing refuses) has no stable relevance to check.
          const cyclic = validate.checkDefinition(form).some((issue) => issue.code === 'cycle');
          const relevant = validate.relevantFields(form, result.values, TODAY);
          for (const [name, kept] of Object.entries(result.values)) {
            expect(names.has(name)).toBe(true);
            if (!cyclic) expect(relevant.has(name)).toBe(true);
            expect(
              ['string', 'number', 'boolean'].includes(typeof kept) ||
                (Array.isArray(kept) && kept.every((item) => typeof item === 'string')),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
