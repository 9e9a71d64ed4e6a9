/**
 * Every error code the server can answer has a message in each complete language, so no refusal
 * reaches a person as "Something went wrong". The codes are collected from the source itself (the
 * TypeScript syntax tree of src/, the web and the CLI excluded): the code argument of every DomainError, AppError
 * and typed domain error, of errors.badRequest/conflict, the members of *ErrorCode union types, and
 * the `{ error: { code } }` envelopes and tuples the error handler writes itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { loadAll } from '../../src/i18n/resources';

const LANGUAGES = ['en', 'fr', 'it', 'sk'];
/** Error classes and the index of their code argument. */
const CONSTRUCTORS: Record<string, number> = {
  DomainError: 0,
  AppError: 1,
  LinkageError: 0,
  MseInputError: 0,
  OutcomeError: 0,
};
const FACTORIES = new Set(['badRequest', 'conflict']);
const CODE = /^[a-z][a-z0-9_]*$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The web and the command line answer no HTTP request.
    if (statSync(path).isDirectory())
      return [join('src', 'web'), join('src', 'cli')].includes(path) ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** String literals an expression can evaluate to (both branches of a conditional). */
function literals(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literals(node.expression);
  return [];
}

/** Every error code written in one source file, with where it was found. */
export function codesIn(fileName: string, text: string): Map<string, string> {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = new Map<string, string>();
  const add = (codes: string[], node: ts.Node) => {
    const where = `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    for (const c of codes) if (CODE.test(c) && !found.has(c)) found.set(c, where);
  };
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in CONSTRUCTORS)
      add(literals(node.arguments?.[CONSTRUCTORS[node.expression.text]]), node);
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'errors' &&
      FACTORIES.has(node.expression.name.text)
    )
      add(literals(node.arguments[0]), node);
    // class X extends DomainError { constructor() { super('code', …) } }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      let owner: ts.Node | undefined = node.parent;
      while (owner && !ts.isClassLike(owner)) owner = owner.parent;
      const base = owner && ts.isClassLike(owner) ? owner.heritageClauses?.[0]?.types[0]?.expression.getText(file) : '';
      if (base && base in CONSTRUCTORS) add(literals(node.arguments[CONSTRUCTORS[base]]), node);
    }
    // type XErrorCode = 'a' | 'b' (the typed domain errors list their codes so).
    if (ts.isTypeAliasDeclaration(node) && /ErrorCode$/.test(node.name.text) && ts.isUnionTypeNode(node.type))
      add(
        node.type.types.flatMap((t) =>
          ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
        ),
        node,
      );
    // { error: { code: 'x', … } } written straight into a reply, and the handler's code tables.
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'code') {
      const owner = node.parent.parent;
      const inEnvelope = ts.isPropertyAssignment(owner) && owner.name.getText(file) === 'error';
      if (inEnvelope || /errors-handler\.ts$/.test(fileName)) add(literals(node.initializer), node);
    }
    // [status, 'code', 'message'] tuples (the HTTP parser's errors).
    if (
      ts.isArrayLiteralExpression(node) &&
      node.elements.length === 3 &&
      ts.isNumericLiteral(node.elements[0]) &&
      Number(node.elements[0].text) >= 400
    )
      add(literals(node.elements[1]), node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const serverCodes = new Map<string, string>();
for (const path of sources('src'))
  for (const [c, where] of codesIn(path, readFileSync(path, 'utf8')))
    if (!serverCodes.has(c)) serverCodes.set(c, where);

const resources = loadAll();

describe('error codes the server can answer', () => {
  test('the collector finds codes of every kind of source', () => {
    // One of each: an AppError factory, a DomainError, a typed domain error's union, the handler's tables.
    for (const c of [
      'not_found',
      'version_conflict',
      'reason_required',
      'schema_mismatch',
      'headers_too_large',
      'privacy_budget_exceeded',
    ])
      expect(serverCodes.has(c), c).toBe(true);
    expect(serverCodes.size).toBeGreaterThan(60);
    const sample = codesIn(
      'x.ts',
      `throw new DomainError(a ? 'one_code' : 'two_code', 'm'); errors.conflict('three_code', 'm');
       reply.send({ error: { code: 'four_code', message: 'm' } }); new AppError(400, 'five_code', 'm');`,
    );
    expect([...sample.keys()].sort()).toEqual(['five_code', 'four_code', 'one_code', 'three_code', 'two_code']);
  });

  test.each(LANGUAGES)('each has a message in %s (errors.<code> in translation.json)', (language) => {
    const messages = (resources[language]?.translation as { errors?: Record<string, unknown> } | undefined)?.errors;
    const missing = [...serverCodes]
      .filter(([c]) => typeof messages?.[c] !== 'string' || !(messages[c] as string).trim())
      .map(([c, where]) => `${c} (${where})`);
    expect(missing).toEqual([]);
  });
});
