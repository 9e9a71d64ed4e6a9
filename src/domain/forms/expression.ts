/**
 * The expression language of custom forms: XLSForm's XPath subset for `relevant` (skip logic),
 * `constraint` and `calculation`. One pure module (no Node API, no `eval`, no `Function`) that the
 * browser and the server both run, so a field is shown, refused or computed the same way on both.
 *
 * Grammar, loosest binding first (every binary operator is left-associative):
 *
 *     expression  := or
 *     or          := and ( 'or' and )*
 *     and         := equality ( 'and' equality )*
 *     equality    := relational ( ( '=' | '!=' ) relational )*
 *     relational  := additive ( ( '<' | '<=' | '>' | '>=' ) additive )*
 *     additive    := multiplicative ( ( '+' | '-' ) multiplicative )*
 *     multiplicative := unary ( ( '*' | 'div' | 'mod' ) unary )*
 *     unary       := '-' unary | primary
 *     primary     := '${' name '}' | '.' | string | number | function '(' arguments? ')' | '(' expression ')'
 *
 * Strings are '…' or "…" (no escapes, as in XPath: a quote of the other kind may appear inside);
 * numbers are decimal (`12`, `0.5`, `.5`). Functions: `true()`, `false()`, `not(x)`,
 * `selected(${x}, 'code')`, `count-selected(${x})`, `string-length(x)`, `if(c, a, b)`,
 * `coalesce(a, b)`, `today()`, `int(x)`, `number(x)`, `string(x)`, `contains(a, b)`,
 * `starts-with(a, b)`, `date(x)`, `concat(a, …)`.
 *
 * @example parseExpression("${age} >= 18 and selected(${needs}, 'shelter')")
 * @example parseExpression('. >= 0 and . <= 120')                          // a constraint: `.` is the value
 * @example parseExpression("if(${consent}, 'yes', 'no')")
 * @example parseExpression('int((today() - ${date_of_birth}) div 365.25)') // an age, as in ODK
 *
 * Semantics (XLSForm/ODK): a missing value is the empty string, so `${x} != ''` means "answered".
 * `=` and `!=` compare numbers numerically when either side is a number, booleans as booleans,
 * everything else as text; `<`, `<=`, `>`, `>=` and arithmetic compare and compute numbers, where a
 * YYYY-MM-DD date counts as its day number since 1970-01-01, so dates compare and subtract as days.
 * A result that is not a number (`1 div 0`, `number('abc')`) is `null`, which reads as empty.
 * One departure from XPath 1.0, where any non-empty string is true: a yes/no answer equals the text
 * 'true'/'yes'/'1' or 'false'/'no'/'0', so `${consent} = 'no'` holds only when she answered no.
 *
 * `regex()` is refused on purpose: a pattern an administrator writes could backtrack for minutes on
 * one caseworker's input, on the server as in the browser. Sources are at most MAX_LENGTH
 * characters and MAX_DEPTH levels deep, so parsing and evaluating are bounded too.
 *
 * A hand-written recursive-descent parser rather than a JavaScript expression library (jsep and the
 * like): this is an XPath subset, not JavaScript; `${name}`, `div`, `mod`, hyphenated function names
 * and `.` would all need rewriting before such a parser could read them, and its AST after.
 */
import { DomainError } from '../errors';
import type { FieldValue } from './definition';

export const MAX_LENGTH = 2000;
export const MAX_DEPTH = 32;

/** An expression that does not parse: `position` is the 0-based offset of the offending character. */
export class ExpressionError extends DomainError {
  constructor(
    message: string,
    readonly position: number,
    readonly expression: string,
  ) {
    super('invalid_expression', message, { position, expression });
    this.name = 'ExpressionError';
  }
}

export type BinaryOperator = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

/** The functions and how many arguments each takes ([min, max]). */
export const FUNCTIONS = {
  not: [1, 1],
  selected: [2, 2],
  'count-selected': [1, 1],
  'string-length': [1, 1],
  if: [3, 3],
  coalesce: [2, 2],
  today: [0, 0],
  int: [1, 1],
  number: [1, 1],
  string: [1, 1],
  contains: [2, 2],
  'starts-with': [2, 2],
  date: [1, 1],
  concat: [1, 20],
} as const satisfies Record<string, readonly [number, number]>;
export type FunctionName = keyof typeof FUNCTIONS;

export type Ast =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'field'; name: string }
  | { kind: 'self' }
  | { kind: 'negate'; operand: Ast }
  | { kind: 'binary'; op: BinaryOperator; left: Ast; right: Ast }
  | { kind: 'call'; name: FunctionName; args: Ast[] };

export type ExprValue = string | number | boolean | string[] | null;

export interface EvalEnv {
  values: Record<string, FieldValue | undefined>;
  /** The value a constraint checks (`.`). */
  self?: FieldValue;
  /** YYYY-MM-DD, the day `today()` returns (the caller's, so that a test or a replay is reproducible). */
  today: string;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { type: 'field'; name: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'punct'; value: string; at: number }
  | { type: 'end'; at: number };

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;
const PUNCT = ['!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '(', ')', ',', '.'];

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression';
    case 'field':
      return `\${${token.name}}`;
    case 'string':
      return `the text '${token.value}'`;
    case 'number':
      return `the number ${token.value}`;
    default:
      return `"${token.value}"`;
  }
}

function tokenize(source: string): Token[] {
  const fail = (message: string, at: number): never => {
    throw new ExpressionError(`${message} (at character ${at + 1})`, at, source);
  };
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '$') {
      if (source[i + 1] !== '{') fail('A field is written ${name}', i);
      const close = source.indexOf('}', i + 2);
      if (close < 0) fail('This ${ is never closed with }', i);
      const name = source.slice(i + 2, close).trim();
      if (!FIELD_NAME.test(name)) fail(`"${name}" is not a field name (letters, digits, _ - .)`, i);
      tokens.push({ type: 'field', name, at: i });
      i = close + 1;
    } else if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) fail(`This text is never closed with ${c}`, i);
      tokens.push({ type: 'string', value: source.slice(i + 1, close), at: i });
      i = close + 1;
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(source[i + 1] ?? ''))) {
      let j = i;
      while (j < source.length && DIGIT.test(source[j])) j++;
      if (source[j] === '.') {
        j++;
        while (j < source.length && DIGIT.test(source[j])) j++;
      }
      if (NAME_START.test(source[j] ?? '')) fail('A number runs into a name: put a space between them', j);
      tokens.push({ type: 'number', value: Number(source.slice(i, j)), at: i });
      i = j;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < source.length && NAME_PART.test(source[j])) j++;
      tokens.push({ type: 'name', value: source.slice(i, j), at: i });
      i = j;
    } else {
      const punct = PUNCT.find((p) => source.startsWith(p, i));
      if (!punct) fail(`"${c}" has no meaning here`, i);
      tokens.push({ type: 'punct', value: punct!, at: i });
      i += punct!.length;
    }
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser

const LEVELS: BinaryOperator[][] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];
const WORD_OPERATORS = new Set(['or', 'and', 'div', 'mod']);

/** Parses one expression; throws ExpressionError naming the position of what it could not read. */
export function parseExpression(source: string): Ast {
  if (typeof source !== 'string' || source.trim() === '') throw new ExpressionError('The expression is empty', 0, '');
  if (source.length > MAX_LENGTH)
    throw new ExpressionError(`An expression is at most ${MAX_LENGTH} characters`, MAX_LENGTH, source);
  const tokens = tokenize(source);
  let index = 0;
  const peek = () => tokens[index];
  const fail = (message: string, token: Token = peek()): never => {
    throw new ExpressionError(`${message} (at character ${token.at + 1})`, token.at, source);
  };
  const isPunct = (value: string) => {
    const token = peek();
    return token.type === 'punct' && token.value === value;
  };
  const expect = (value: string, what: string) => {
    if (!isPunct(value)) fail(`Expected ${what}, found ${describe(peek())}`);
    index++;
  };
  const operatorAt = (level: BinaryOperator[]): BinaryOperator | undefined => {
    const token = peek();
    if (token.type === 'punct' || (token.type === 'name' && WORD_OPERATORS.has(token.value)))
      return level.find((op) => op === token.value);
    return undefined;
  };

  const binary = (level: number, depth: number): Ast => {
    if (level === LEVELS.length) return unary(depth);
    let left = binary(level + 1, depth);
    for (let op = operatorAt(LEVELS[level]); op; op = operatorAt(LEVELS[level])) {
      index++;
      left = { kind: 'binary', op, left, right: binary(level + 1, depth) };
    }
    return left;
  };

  const unary = (depth: number): Ast => {
    if (depth > MAX_DEPTH) fail(`An expression nests at most ${MAX_DEPTH} levels deep`);
    if (isPunct('-')) {
      index++;
      return { kind: 'negate', operand: unary(depth + 1) };
    }
    return primary(depth);
  };

  const primary = (depth: number): Ast => {
    const token = peek();
    if (token.type === 'field') {
      index++;
      return { kind: 'field', name: token.name };
    }
    if (token.type === 'string' || token.type === 'number') {
      index++;
      return { kind: 'literal', value: token.value };
    }
    if (token.type === 'punct' && token.value === '.') {
      index++;
      return { kind: 'self' };
    }
    if (token.type === 'punct' && token.value === '(') {
      index++;
      const inner = binary(0, depth + 1);
      expect(')', '")" to close the "(" at character ' + (token.at + 1));
      return inner;
    }
    if (token.type === 'name') return call(token, depth);
    return fail(`Expected a value, found ${describe(token)}`);
  };

  const call = (token: Extract<Token, { type: 'name' }>, depth: number): Ast => {
    const name = token.value;
    index++;
    if (!isPunct('(')) {
      if (WORD_OPERATORS.has(name)) fail(`"${name}" needs a value before it`, token);
      fail(`"${name}" is not a value: a field is written \${${name}}, a text '${name}'`, token);
    }
    if (name === 'regex')
      fail(
        'regex() is not supported: a pattern can take minutes on some answers; use contains() or starts-with()',
        token,
      );
    index++;
    const args: Ast[] = [];
    if (!isPunct(')')) {
      args.push(binary(0, depth + 1));
      while (isPunct(',')) {
        index++;
        args.push(binary(0, depth + 1));
      }
    }
    expect(')', `"," or ")" in ${name}()`);
    if (name === 'true' || name === 'false') {
      if (args.length) fail(`${name}() takes no arguments`, token);
      return { kind: 'literal', value: name === 'true' };
    }
    if (!Object.hasOwn(FUNCTIONS, name))
      fail(`Unknown function ${name}(); known: true, false, ${Object.keys(FUNCTIONS).join(', ')}`, token);
    const [min, max] = FUNCTIONS[name as FunctionName];
    if (args.length < min || args.length > max)
      fail(
        `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}`,
        token,
      );
    return { kind: 'call', name: name as FunctionName, args };
  };

  const ast = binary(0, 0);
  if (peek().type !== 'end') fail(`Unexpected ${describe(peek())}: is an operator missing?`);
  return ast;
}

/** The `${name}`s an expression reads, each once, in the order they first appear. */
export function referencedFields(ast: Ast): string[] {
  const names = new Set<string>();
  const visit = (node: Ast): void => {
    if (node.kind === 'field') names.add(node.name);
    else if (node.kind === 'negate') visit(node.operand);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    } else if (node.kind === 'call') node.args.forEach(visit);
  };
  visit(ast);
  return [...names];
}

/** True when the expression reads `.` (only a constraint has a value of its own). */
export function readsSelf(ast: Ast): boolean {
  if (ast.kind === 'self') return true;
  if (ast.kind === 'negate') return readsSelf(ast.operand);
  if (ast.kind === 'binary') return readsSelf(ast.left) || readsSelf(ast.right);
  if (ast.kind === 'call') return ast.args.some(readsSelf);
  return false;
}

const PRECEDENCE: Record<BinaryOperator, number> = Object.fromEntries(
  LEVELS.flatMap((ops, level) => ops.map((op) => [op, level])),
) as Record<BinaryOperator, number>;

/**
 * Writes an AST back as source that parses to the same AST (parentheses only where needed).
 * A text holding both kinds of quote has no XPath literal; it is written as a concat() of parts.
 */
export function printExpression(ast: Ast): string {
  const print = (node: Ast, context: number): string => {
    switch (node.kind) {
      case 'literal':
        if (typeof node.value === 'boolean') return node.value ? 'true()' : 'false()';
        if (typeof node.value === 'number') return printNumber(node.value);
        return printString(node.value);
      case 'field':
        return `\${${node.name}}`;
      case 'self':
        return '.';
      case 'negate':
        return `-${print(node.operand, LEVELS.length)}`;
      case 'call':
        return `${node.name}(${node.args.map((arg) => print(arg, 0)).join(', ')})`;
      case 'binary': {
        const level = PRECEDENCE[node.op];
        // Left-associative: the right operand of the same level needs parentheses, the left does not.
        const text = `${print(node.left, level)} ${node.op} ${print(node.right, level + 1)}`;
        return level < context ? `(${text})` : text;
      }
    }
  };
  return print(ast, 0);
}

function printNumber(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`No literal for ${value}`);
  const text = String(value);
  if (/e/i.test(text)) return value.toFixed(20).replace(/\.?0+$/, '');
  return text;
}

function printString(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return `concat(${value
    .split("'")
    .map((part) => `'${part}'`)
    .join(`, "'", `)})`;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real YYYY-MM-DD day, else undefined. */
export function dayNumber(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

/** The YYYY-MM-DD of a day number (years 0001–9999), else null. */
function dateOfDay(days: number): string | null {
  if (!Number.isFinite(days)) return null;
  const date = new Date(Math.floor(days) * DAY_MS);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) return null;
  return date.toISOString().slice(0, 10);
}

/** A field's value as the language sees it: anything that is not a value (an object, NaN) is empty. */
function fromField(value: unknown): ExprValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return '';
}

function asNumber(value: ExprValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return NaN;
  const text = asString(value).trim();
  if (NUMERIC.test(text)) return Number(text);
  return dayNumber(text) ?? NaN;
}

/** A computed number, or null when it is none (NaN, ±Infinity). */
const finite = (value: number): number | null => (Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null);

function asString(value: ExprValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return value.join(' ');
}

/** XPath's boolean(): empty, zero, false and null are false; any other value is true. */
export function truthy(value: ExprValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (value === null) return false;
  return value.length > 0;
}

const TRUE_TEXTS = new Set(['true', 'yes', '1']);
const FALSE_TEXTS = new Set(['false', 'no', '0']);

function equal(left: ExprValue, right: ExprValue): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    const [answer, other] = typeof left === 'boolean' ? [left, right] : [right as boolean, left];
    if (typeof other === 'boolean') return answer === other;
    if (typeof other === 'number') return (answer ? 1 : 0) === other;
    const text = asString(other).trim().toLowerCase();
    return (answer ? TRUE_TEXTS : FALSE_TEXTS).has(text);
  }
  if (typeof left === 'number' || typeof right === 'number') return asNumber(left) === asNumber(right);
  return asString(left) === asString(right);
}

function selections(value: ExprValue): string[] {
  if (Array.isArray(value)) return value;
  return asString(value)
    .split(/\s+/)
    .filter((part) => part !== '');
}

/**
 * The value of an expression. Never throws on a parsed AST: a value of the wrong kind converts
 * (text to number, number to text) as XPath does, and what is no number becomes null.
 */
export function evaluate(ast: Ast, env: EvalEnv): ExprValue {
  const run = (node: Ast): ExprValue => {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'field':
        return Object.hasOwn(env.values, node.name) ? fromField(env.values[node.name]) : '';
      case 'self':
        return fromField(env.self);
      case 'negate':
        return finite(-asNumber(run(node.operand)));
      case 'binary':
        return binary(node.op, node.left, node.right);
      case 'call':
        return call(node.name, node.args);
    }
  };
  const binary = (op: BinaryOperator, leftNode: Ast, rightNode: Ast): ExprValue => {
    if (op === 'or') return truthy(run(leftNode)) || truthy(run(rightNode));
    if (op === 'and') return truthy(run(leftNode)) && truthy(run(rightNode));
    const left = run(leftNode);
    const right = run(rightNode);
    if (op === '=') return equal(left, right);
    if (op === '!=') return !equal(left, right);
    const [a, b] = [asNumber(left), asNumber(right)];
    switch (op) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      case '+':
        return finite(a + b);
      case '-':
        return finite(a - b);
      case '*':
        return finite(a * b);
      case 'div':
        return finite(a / b);
      case 'mod':
        return finite(a % b);
    }
  };
  const call = (name: FunctionName, args: Ast[]): ExprValue => {
    switch (name) {
      case 'not':
        return !truthy(run(args[0]));
      case 'selected': {
        const code = asString(run(args[1])).trim();
        return selections(run(args[0])).includes(code);
      }
      case 'count-selected':
        return selections(run(args[0])).length;
      case 'string-length':
        return asString(run(args[0])).length;
      case 'if':
        return truthy(run(args[0])) ? run(args[1]) : run(args[2]);
      case 'coalesce': {
        const first = run(args[0]);
        return asString(first) !== '' ? first : run(args[1]);
      }
      case 'today':
        return env.today;
      case 'int':
        return finite(Math.trunc(asNumber(run(args[0]))));
      case 'number':
        return finite(asNumber(run(args[0])));
      case 'string':
        return asString(run(args[0]));
      case 'contains':
        return asString(run(args[0])).includes(asString(run(args[1])));
      case 'starts-with':
        return asString(run(args[0])).startsWith(asString(run(args[1])));
      case 'date': {
        const value = run(args[0]);
        if (typeof value === 'number') return dateOfDay(value);
        const text = asString(value).trim();
        return dayNumber(text) === undefined ? null : text;
      }
      case 'concat':
        return args.map((arg) => asString(run(arg))).join('');
    }
  };
  return run(ast);
}
