/**
 * Checking a custom form's values, the same code in the browser (as she types) and on the server
 * (which trusts nothing the browser computed): skip logic, calculated fields, types, required
 * fields, constraints and choices. And checking a definition before it is saved: every expression
 * parses, reads only fields of the form, and no field depends on itself.
 *
 * Order of work, as ODK does it: fields are visited in dependency order (a field after every field
 * its `relevant`, its section's `relevant` and its `calculation` read), so an irrelevant field reads
 * as empty to the fields after it and a calculation sees the final values it depends on.
 *
 * Only types are imported from definition.ts: this module and expression.ts bundle for the browser
 * without zod schemas or the server's translation files.
 */
import type { Choices, FieldType, FieldValue, FormValues } from './definition';
import {
  type Ast,
  ExpressionError,
  dayNumber,
  evaluate,
  parseExpression,
  readsSelf,
  referencedFields,
  truthy,
} from './expression';

/** The parts of a form definition this module reads (a parsed definition or its input). */
export interface FormShape {
  sections: readonly {
    name: string;
    relevant?: string;
    fields: readonly {
      name: string;
      type: FieldType;
      required?: boolean;
      relevant?: string;
      constraint?: string;
      constraintMessage?: { en: string };
      calculation?: string;
      choices?: Choices;
      retired?: boolean;
    }[];
  }[];
}
type Field = FormShape['sections'][number]['fields'][number];

export interface FieldIssue {
  field: string;
  code: 'required' | 'constraint' | 'type' | 'choice' | 'unknown_field';
  message: string;
}

/** A problem of a definition: `field` is the field's (or the section's) name, `property` the expression's. */
export interface DefinitionIssue {
  /** Where in the definition: `['sections', 0, 'fields', 2, 'relevant']`, `['sections', 1, 'relevant']`. */
  path: (string | number)[];
  field: string;
  property: 'relevant' | 'constraint' | 'calculation';
  code: 'invalid_expression' | 'unknown_field' | 'cycle';
  message: string;
  /** For `invalid_expression`: the 0-based offset in the expression. */
  position?: number;
}

export interface ValidateOptions {
  today: string;
  /** The active codes of an organisation list, or undefined when she has no such list. */
  choicesOf: (list: string) => readonly string[] | ReadonlySet<string> | undefined;
  /**
   * Accept the values of retired fields (checked for their type) instead of refusing them: for a
   * record recorded under a version where they were live, so an edit never loses them.
   */
  keepRetired?: boolean;
}

/** Longest text a field holds: one line, and a long text. */
export const TEXT_MAX = 2000;
export const LONG_TEXT_MAX = 20_000;

// ---------------------------------------------------------------------------------------------
// Parsing once per definition

interface Compiled {
  field: Field;
  relevant: Ast[];
  calculation?: Ast;
  constraint?: Ast;
  depends: string[];
}

/** An expression's AST, or undefined when it does not parse (checkDefinition reports it). */
function tryParse(source: string | undefined): Ast | undefined {
  if (source === undefined) return undefined;
  try {
    return parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError) return undefined;
    throw error;
  }
}

// The browser re-checks on every keystroke: parse a definition once, unless the builder changed it
// in place (the signature holds everything compile reads).
const compiledCache = new WeakMap<FormShape, { signature: string; compiled: Compiled[] }>();

/** Sets an own property, whatever the name (a field may be called `__proto__`). */
function put<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** The form's fields in dependency order, each with its parsed expressions. */
function compile(form: FormShape): Compiled[] {
  const signature = JSON.stringify(
    form.sections.map((s) => [
      s.relevant,
      s.fields.map((f) => [f.name, f.type, f.relevant, f.constraint, f.calculation]),
    ]),
  );
  const cached = compiledCache.get(form);
  if (cached?.signature === signature) return cached.compiled;
  const all: Compiled[] = form.sections.flatMap((section) => {
    const sectionRelevant = tryParse(section.relevant);
    return section.fields.map((field) => {
      const relevant = [sectionRelevant, tryParse(field.relevant)].filter((ast): ast is Ast => ast !== undefined);
      const calculation = field.type === 'calculated' ? tryParse(field.calculation) : undefined;
      const depends = [...relevant, ...(calculation ? [calculation] : [])].flatMap(referencedFields);
      return { field, relevant, calculation, constraint: tryParse(field.constraint), depends };
    });
  });
  const ordered = dependencyOrder(all);
  compiledCache.set(form, { signature, compiled: ordered });
  return ordered;
}

/** Kahn's order over the fields' dependencies; fields caught in a cycle follow in form order. */
function dependencyOrder(all: Compiled[]): Compiled[] {
  const byName = new Map(all.map((entry) => [entry.field.name, entry]));
  const waiting = new Map<Compiled, number>();
  const dependents = new Map<string, Compiled[]>();
  for (const entry of all) {
    const known = [...new Set(entry.depends)].filter((name) => byName.has(name));
    waiting.set(entry, known.length);
    for (const name of known) dependents.set(name, [...(dependents.get(name) ?? []), entry]);
  }
  const ordered: Compiled[] = [];
  const ready = all.filter((entry) => waiting.get(entry) === 0);
  const done = new Set<Compiled>();
  while (ready.length) {
    const entry = ready.shift()!;
    ordered.push(entry);
    done.add(entry);
    for (const next of dependents.get(entry.field.name) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return [...ordered, ...all.filter((entry) => !done.has(entry))];
}

// ---------------------------------------------------------------------------------------------
// Skip logic and calculations

/** One pass in dependency order: which fields are relevant, and the values with calculations done. */
function run(form: FormShape, values: Record<string, unknown>, today: string) {
  const current: Record<string, FieldValue | undefined> = Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null),
  ) as Record<string, FieldValue>;
  const relevant = new Set<string>();
  for (const { field, relevant: conditions, calculation } of compile(form)) {
    const env = { values: current, today };
    if (!conditions.every((condition) => truthy(evaluate(condition, env)))) {
      delete current[field.name];
      continue;
    }
    relevant.add(field.name);
    if (field.type === 'calculated') {
      const result = calculation ? evaluate(calculation, env) : null;
      if (result === null || result === '' || (Array.isArray(result) && result.length === 0))
        delete current[field.name];
      else put(current, field.name, result);
    }
  }
  return { relevant, values: current };
}

/** The names of the fields she is asked, given the values so far (section and field `relevant`). */
export function relevantFields(form: FormShape, values: Record<string, unknown>, today: string): Set<string> {
  return run(form, values, today).relevant;
}

/** The values with every `calculated` field recomputed (and removed where irrelevant or empty). */
export function computeValues(form: FormShape, values: Record<string, unknown>, today: string): FormValues {
  const computed = run(form, values, today).values;
  const calculated = new Set(
    form.sections.flatMap((section) => section.fields.filter((f) => f.type === 'calculated').map((f) => f.name)),
  );
  return Object.fromEntries(
    Object.entries({ ...values, ...computed }).filter(
      ([name, value]) =>
        value !== undefined && value !== null && (!calculated.has(name) || Object.hasOwn(computed, name)),
    ),
  ) as FormValues;
}

// ---------------------------------------------------------------------------------------------
// Values

type Normalized = { value?: FieldValue; issue?: Omit<FieldIssue, 'field'> };

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function has(codes: readonly string[] | ReadonlySet<string>, code: string): boolean {
  return Array.isArray(codes) ? codes.includes(code) : (codes as ReadonlySet<string>).has(code);
}

/** A value of the field's type (blank → no value), or the issue that says why not. */
function normalize(field: Field, raw: unknown, options: ValidateOptions): Normalized {
  if (isBlank(raw)) return {};
  const type = (message: string): Normalized => ({ issue: { code: 'type', message } });
  const codesOf = (choices: Choices | undefined) =>
    !choices ? undefined : 'list' in choices ? options.choicesOf(choices.list) : choices.options.map((o) => o.code);
  switch (field.type) {
    case 'text':
    case 'long_text': {
      if (typeof raw !== 'string') return type('Expected a text');
      const max = field.type === 'text' ? TEXT_MAX : LONG_TEXT_MAX;
      if (raw.length > max) return type(`A text of at most ${max} characters`);
      return { value: field.type === 'text' ? raw.trim() : raw };
    }
    case 'number': {
      const number = typeof raw === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(raw) ? Number(raw) : raw;
      if (typeof number !== 'number' || !Number.isFinite(number)) return type('Expected a number');
      return { value: number };
    }
    case 'date': {
      const days = typeof raw === 'string' ? dayNumber(raw) : undefined;
      const year = typeof raw === 'string' ? Number(raw.slice(0, 4)) : 0;
      if (days === undefined || year < 1900 || year > 2100) return type('Expected a date YYYY-MM-DD (1900–2100)');
      return { value: raw as string };
    }
    case 'yes_no':
      return typeof raw === 'boolean' ? { value: raw } : type('Expected yes or no (true or false)');
    case 'attachment':
      return typeof raw === 'string' && raw.length <= 200 ? { value: raw } : type('Expected an attachment id');
    case 'select_one': {
      if (typeof raw !== 'string') return type('Expected one code');
      const codes = codesOf(field.choices);
      if (!codes || !has(codes, raw))
        return { issue: { code: 'choice', message: `"${raw}" is not one of the choices` } };
      return { value: raw };
    }
    case 'select_multiple': {
      if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string'))
        return type('Expected a list of codes');
      const codes = codesOf(field.choices);
      const unknown = raw.filter((item) => !codes || !has(codes, item));
      if (unknown.length)
        return { issue: { code: 'choice', message: `Not among the choices: ${[...new Set(unknown)].join(', ')}` } };
      return { value: [...new Set(raw as string[])] };
    }
    case 'calculated':
      return {};
  }
}

/**
 * Checks values against a form: drops the values of irrelevant fields, refuses answers to retired
 * fields (unless `keepRetired`) and to names the form does not have, recomputes calculated fields whatever the client sent, and reports wrong types,
 * unknown choices, missing required answers, failed constraints and names the form does not have.
 * Never throws on any JSON: every problem is an issue.
 */
export function validateValues(
  form: FormShape,
  values: unknown,
  options: ValidateOptions,
): { values: FormValues; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    return { values: {}, issues: [{ field: '', code: 'type', message: 'Expected an object of values by field name' }] };
  const given = values as Record<string, unknown>;
  const fields = new Map(form.sections.flatMap((section) => section.fields.map((field) => [field.name, field])));
  for (const name of Object.keys(given))
    if (!fields.has(name) && !isBlank(given[name]))
      issues.push({ field: name, code: 'unknown_field', message: `The form has no field "${name}"` });

  const clean: Record<string, FieldValue> = {};
  const found = new Map<string, Omit<FieldIssue, 'field'>>();
  for (const [name, field] of fields) {
    if (field.retired && !options.keepRetired) {
      if (Object.hasOwn(given, name) && !isBlank(given[name]))
        issues.push({
          field: name,
          code: 'unknown_field',
          message: `The field "${name}" is retired and takes no answers`,
        });
      continue;
    }
    const { value, issue } = normalize(field, Object.hasOwn(given, name) ? given[name] : undefined, options);
    if (issue) found.set(name, issue);
    if (value !== undefined) put(clean, name, value);
  }

  const { relevant, values: computed } = run(form, clean, options.today);
  for (const { field, constraint } of compile(form)) {
    const name = field.name;
    if (!relevant.has(name) || (field.retired && !options.keepRetired)) continue;
    const problem = found.get(name);
    if (problem) {
      issues.push({ field: name, ...problem });
      continue;
    }
    const value = computed[name];
    if (value === undefined) {
      if (field.required && !field.retired && field.type !== 'calculated')
        issues.push({ field: name, code: 'required', message: 'An answer is required' });
      continue;
    }
    if (constraint && field.type !== 'calculated') {
      const holds = truthy(evaluate(constraint, { values: computed, self: value, today: options.today }));
      if (!holds)
        issues.push({
          field: name,
          code: 'constraint',
          message: field.constraintMessage?.en ?? 'The answer does not meet the condition set for this field',
        });
    }
  }
  const kept = Object.entries(computed).filter(
    ([name]) => relevant.has(name) && fields.has(name) && (!fields.get(name)!.retired || options.keepRetired),
  );
  return { values: Object.fromEntries(kept) as FormValues, issues };
}

// ---------------------------------------------------------------------------------------------
// Definitions

/**
 * Everything wrong with a definition's expressions, all at once: an expression that does not parse
 * (with its position), a `${name}` the form does not have, `.` outside a constraint, and fields
 * that depend on themselves through relevance or calculations.
 */
export function checkDefinition(form: FormShape): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const names = new Set(form.sections.flatMap((section) => section.fields.map((field) => field.name)));
  const check = (
    at: (string | number)[],
    owner: string,
    property: DefinitionIssue['property'],
    source: string | undefined,
  ) => {
    if (source === undefined) return;
    const path = [...at, property];
    let ast: Ast;
    try {
      ast = parseExpression(source);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({
        path,
        field: owner,
        property,
        code: 'invalid_expression',
        message: error.message,
        position: error.position,
      });
      return;
    }
    for (const name of referencedFields(ast))
      if (!names.has(name))
        issues.push({
          path,
          field: owner,
          property,
          code: 'unknown_field',
          message: `\${${name}} is not a field of this form`,
        });
    if (property !== 'constraint' && readsSelf(ast))
      issues.push({
        path,
        field: owner,
        property,
        code: 'invalid_expression',
        message: '"." is the answer itself and has a meaning only in a constraint',
      });
  };
  form.sections.forEach((section, s) => {
    check(['sections', s], section.name, 'relevant', section.relevant);
    section.fields.forEach((field, f) => {
      const at = ['sections', s, 'fields', f];
      check(at, field.name, 'relevant', field.relevant);
      check(at, field.name, 'constraint', field.constraint);
      check(at, field.name, 'calculation', field.calculation);
    });
  });
  issues.push(...cycles(form));
  return issues;
}

/** One issue per field that depends on itself, naming the loop (a → b → a). */
function cycles(form: FormShape): DefinitionIssue[] {
  const entries = form.sections.flatMap((section, s) =>
    section.fields.map((field, f) => {
      const sources = [section.relevant, field.relevant, field.type === 'calculated' ? field.calculation : undefined];
      const depends = sources.map(tryParse).flatMap((ast) => (ast ? referencedFields(ast) : []));
      const property = field.type === 'calculated' ? ('calculation' as const) : ('relevant' as const);
      return { field, depends: [...new Set(depends)], property, path: ['sections', s, 'fields', f, property] };
    }),
  );
  const byName = new Map(entries.map((entry) => [entry.field.name, entry]));
  const state = new Map<string, 'visiting' | 'done'>();
  const inCycle = new Map<string, string[]>();
  const stack: string[] = [];
  const visit = (name: string) => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of byName.get(name)?.depends ?? []) {
      if (!byName.has(next)) continue;
      if (state.get(next) === 'visiting') {
        const members = stack.slice(stack.indexOf(next));
        members.forEach((member, k) => {
          // Each member's loop is told from itself: b → a → b, not a → b → a.
          if (!inCycle.has(member)) inCycle.set(member, [...members.slice(k), ...members.slice(0, k), member]);
        });
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const entry of entries) if (!state.has(entry.field.name)) visit(entry.field.name);
  return [...inCycle].map(([name, loop]) => ({
    path: byName.get(name)!.path,
    field: name,
    property: byName.get(name)!.property,
    code: 'cycle',
    message: `${name} depends on itself: ${loop.join(' → ')}`,
  }));
}
