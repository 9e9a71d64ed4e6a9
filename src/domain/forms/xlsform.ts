/**
 * XLSForm ⇄ custom form definition: the pure mapping between the rows of an XLSForm's `survey`,
 * `choices` and `settings` sheets and a FormDefinition (reading and writing the workbook itself is
 * the service's job, with exceljs). See https://xlsform.org for the format.
 *
 * What maps: `text` (`appearance` multiline → long text), `integer` and `decimal` → number, `date`,
 * `select_one L` / `select_multiple L` (choices from the `choices` sheet, or the organisation's list
 * L when the row says `ariadne_list` yes), `acknowledge` → yes/no, `calculate` → calculated,
 * `file`/`image` → attachment, `begin_group`/`end_group` → sections (questions outside a group go
 * to a first section), and the columns `name`, `label`, `hint`, `constraint_message` (each also as
 * `::fr` or `::French (fr)`), `required`, `relevant`, `constraint`, `calculation`. Settings:
 * `form_id`, `form_title`, `default_language` (the language of the columns without `::`), `version`
 * (Ariadne numbers its own versions; read and ignored).
 *
 * What does not map is refused, every offending row at once (sheet, row, reason): repeats, nested
 * groups, geopoints, barcodes and other types Ariadne has no field for, names that are not names,
 * duplicates, expressions that do not parse or read unknown `${names}`, missing choice lists, a
 * conditional `required`. What carries no answer is skipped and named: ODK's metadata (`start`,
 * `end`, `today`, `deviceid`, …), KoBo's `__version__` calculation, and `note`s.
 *
 * Columns prefixed `ariadne_` (ignored by ODK and KoBo) carry what XLSForm has no column for, so that
 * import(export(form)) gives the form back: `ariadne_sensitive`, `ariadne_retired`, `ariadne_list`
 * on survey rows; `ariadne_target`, `ariadne_referral_section` in the settings.
 */
import type { Labels } from '../reference/types';
import { code as codeSchema } from '../shared/zod';
import { type FieldDefinition, FieldName, FormDefinitionSchema, type FormDefinition } from './definition';
import { type Ast, ExpressionError, parseExpression, printExpression } from './expression';
import { checkDefinition } from './validate';

/** One sheet as read: each row's cells by (trimmed, lower-cased) header, with its sheet row number. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}
export interface XlsFormSheets {
  survey: SheetRow[];
  choices: SheetRow[];
  settings: SheetRow[];
}

/** A row that does not map: where it is and why. */
export interface RowProblem {
  sheet: 'survey' | 'choices' | 'settings';
  row: number;
  reason: string;
}

/** A row left out on purpose (it carries no answer), named so that nothing vanishes silently. */
export interface SkippedRow {
  sheet: 'survey';
  row: number;
  name: string;
  reason: string;
}

/** A choice code renamed to Ariadne's code format (lower_snake_case). */
export interface RenamedChoice {
  list: string;
  from: string;
  to: string;
}

export interface ImportOptions {
  /** Used when the settings give no form_id (e.g. from the file's name). */
  code?: string;
  /** Used when the settings give no ariadne_target; `case` otherwise. */
  target?: string;
  /** Whether the organisation has a reference list of this key (for `ariadne_list` rows). */
  hasList: (key: string) => boolean;
}

export interface ImportResult {
  /** The definition, when no row was refused. */
  form?: FormDefinition;
  problems: RowProblem[];
  skipped: SkippedRow[];
  renamed: RenamedChoice[];
}

const METADATA = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'start-geopoint',
  'background-audio',
]);
const UNSUPPORTED: Record<string, string> = {
  begin_repeat: 'repeat groups do not map: a record holds one answer per field',
  end_repeat: 'repeat groups do not map: a record holds one answer per field',
  geopoint: 'a location field does not map (Ariadne keeps no coordinates)',
  geotrace: 'a location field does not map (Ariadne keeps no coordinates)',
  geoshape: 'a location field does not map (Ariadne keeps no coordinates)',
  barcode: 'barcode fields do not map',
  time: 'time-of-day fields do not map: use a date or a text',
  datetime: 'date-and-time fields do not map: use a date',
  audio: 'audio recordings do not map: use a file',
  video: 'video recordings do not map: use a file',
  range: 'range fields do not map: use a number with a constraint',
  rank: 'rank fields do not map',
  hidden: 'hidden fields do not map',
  xml_external: 'external data does not map',
  csv_external: 'external data does not map',
  select_one_from_file: 'choices from a file do not map: put them in the choices sheet',
  select_multiple_from_file: 'choices from a file do not map: put them in the choices sheet',
};
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  italian: 'it',
  italiano: 'it',
  slovak: 'sk',
  slovenčina: 'sk',
  slovencina: 'sk',
  spanish: 'es',
  español: 'es',
  german: 'de',
  deutsch: 'de',
  portuguese: 'pt',
  arabic: 'ar',
  russian: 'ru',
  ukrainian: 'uk',
  albanian: 'sq',
  romanian: 'ro',
  dutch: 'nl',
};

/** The language code of `fr`, `French (fr)`, `French`, or undefined. */
export function languageOf(text: string): string | undefined {
  const trimmed = text.trim();
  const coded = /\(([A-Za-z]{2,3}(?:-[A-Za-z]{2})?)\)\s*$/.exec(trimmed);
  if (coded) return coded[1].toLowerCase();
  if (/^[A-Za-z]{2,3}(-[A-Za-z]{2})?$/.test(trimmed)) return trimmed.toLowerCase();
  return LANGUAGE_NAMES[trimmed.toLowerCase()];
}

const YES = new Set(['yes', 'true', '1', 'true()', 'y']);
const NO = new Set(['no', 'false', '0', 'false()', 'n', '']);

/** lower_snake_case of a code such as `AtAPlaceOfBusiness` or `Not Specified/Unknown`. */
export function toCode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

/** Replaces text literals (the choice codes renamed) throughout an AST. */
function mapLiterals(ast: Ast, rename: (text: string) => string): Ast {
  switch (ast.kind) {
    case 'literal':
      return typeof ast.value === 'string' ? { kind: 'literal', value: rename(ast.value) } : ast;
    case 'negate':
      return { kind: 'negate', operand: mapLiterals(ast.operand, rename) };
    case 'binary':
      return { ...ast, left: mapLiterals(ast.left, rename), right: mapLiterals(ast.right, rename) };
    case 'call':
      return { ...ast, args: ast.args.map((arg) => mapLiterals(arg, rename)) };
    default:
      return ast;
  }
}

/** Reads an XLSForm's rows into a definition, or names every row that does not map. */
export function fromXlsForm(sheets: XlsFormSheets, options: ImportOptions): ImportResult {
  const problems: RowProblem[] = [];
  const skipped: SkippedRow[] = [];
  const renamed: RenamedChoice[] = [];
  const problem = (sheet: RowProblem['sheet'], row: number, reason: string) => problems.push({ sheet, row, reason });

  // Settings: one row of values under the headers.
  const settings = sheets.settings.find((row) => Object.values(row.cells).some((cell) => cell !== '')) ?? {
    row: 2,
    cells: {},
  };
  const defaultLanguage = settings.cells.default_language
    ? (languageOf(settings.cells.default_language) ?? 'en')
    : 'en';
  if (settings.cells.default_language && !languageOf(settings.cells.default_language))
    problem('settings', settings.row, `default_language "${settings.cells.default_language}" names no language`);

  /** Labels of a column in every language it is given in (`label`, `label::fr`, `label::French (fr)`). */
  const labelsOf = (row: SheetRow, sheet: RowProblem['sheet'], column: string): Partial<Labels> | undefined => {
    const labels: Record<string, string> = {};
    for (const [header, value] of Object.entries(row.cells)) {
      if (value === '') continue;
      if (header === column) labels[defaultLanguage] ??= value;
      else if (header.startsWith(`${column}::`)) {
        const language = languageOf(header.slice(column.length + 2));
        if (!language) problem(sheet, row.row, `the column "${header}" names no language`);
        else labels[language] = value;
      }
    }
    if (Object.keys(labels).length === 0) return undefined;
    // Ariadne falls back to English: a form without English shows its default language there.
    labels.en ??= labels[defaultLanguage] ?? Object.values(labels)[0];
    return labels as Labels;
  };

  // Choices: the lists by name, codes made Ariadne codes where needed.
  const lists = new Map<string, { code: string; label: Labels }[]>();
  const renames = new Map<string, string>();
  for (const row of sheets.choices) {
    const list = row.cells.list_name ?? '';
    const name = row.cells.name ?? row.cells.value ?? '';
    if (list === '' && name === '') continue;
    if (list === '' || name === '') {
      problem('choices', row.row, 'a choice needs a list_name and a name');
      continue;
    }
    let code = name;
    if (!codeSchema.safeParse(name).success) {
      code = toCode(name);
      if (!codeSchema.safeParse(code).success) {
        problem('choices', row.row, `the choice "${name}" gives no code (letters or digits are needed)`);
        continue;
      }
      renamed.push({ list, from: name, to: code });
      renames.set(name, code);
    }
    const options = lists.get(list) ?? [];
    if (options.some((option) => option.code === code)) {
      problem('choices', row.row, `the choice "${name}" appears twice in the list "${list}"`);
      continue;
    }
    options.push({ code, label: (labelsOf(row, 'choices', 'label') as Labels | undefined) ?? { en: name } });
    lists.set(list, options);
  }
  const rename = (text: string) => renames.get(text) ?? text;

  // Survey: groups become sections, questions fields.
  type Section = FormDefinition['sections'][number] & { row: number };
  const sections: Section[] = [];
  let open: Section | undefined;
  let outside: Section | undefined;
  let repeatDepth = 0;
  const rows = new Map<string, number>();
  const sectionRows = new Map<string, number>();
  const title = labelsOf(settings, 'settings', 'form_title') as Labels | undefined;

  const expression = (row: SheetRow, column: string): string | undefined => {
    const source = row.cells[column];
    if (!source) return undefined;
    try {
      const ast = parseExpression(source);
      const mapped = mapLiterals(ast, rename);
      return JSON.stringify(mapped) === JSON.stringify(ast) ? source : printExpression(mapped);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problem('survey', row.row, `${column}: ${error.message}`);
      return undefined;
    }
  };

  for (const row of sheets.survey) {
    const typeCell = (row.cells.type ?? '').trim().replace(/\s+/g, ' ');
    const name = row.cells.name ?? '';
    if (typeCell === '' && name === '') continue;
    const [rawType, listName, ...rest] = typeCell.split(' ');
    const type = rawType.toLowerCase();
    const kind = type === 'begin' || type === 'end' ? `${type}_${(listName ?? '').toLowerCase()}` : type;

    if (kind === 'begin_repeat') {
      repeatDepth++;
      problem('survey', row.row, UNSUPPORTED.begin_repeat);
      continue;
    }
    if (kind === 'end_repeat') {
      repeatDepth = Math.max(0, repeatDepth - 1);
      continue;
    }
    // The questions of a refused repeat are refused with it.
    if (repeatDepth > 0) continue;

    if (kind === 'begin_group') {
      if (open) {
        problem('survey', row.row, `a group inside the group "${open.name}" does not map: sections do not nest`);
        continue;
      }
      if (!FieldName.safeParse(name).success) {
        problem('survey', row.row, `"${name}" is not a name (a letter or _, then letters, digits, _ - .)`);
        continue;
      }
      const relevant = expression(row, 'relevant');
      open = {
        name,
        label: (labelsOf(row, 'survey', 'label') as Labels | undefined) ?? { en: name },
        ...(relevant ? { relevant } : {}),
        fields: [],
        row: row.row,
      };
      if (sectionRows.has(name)) problem('survey', row.row, `the group name "${name}" is used twice`);
      sectionRows.set(name, row.row);
      sections.push(open);
      continue;
    }
    if (kind === 'end_group') {
      if (!open) problem('survey', row.row, 'end_group without a begin_group');
      else if (open.fields.length === 0) problem('survey', open.row, `the group "${open.name}" has no questions`);
      open = undefined;
      continue;
    }
    if (METADATA.has(type)) {
      skipped.push({ sheet: 'survey', row: row.row, name, reason: `${type}: metadata, Ariadne records it itself` });
      continue;
    }
    if (type === 'note') {
      skipped.push({ sheet: 'survey', row: row.row, name, reason: 'note: a text to read, no answer' });
      continue;
    }
    if (type === 'calculate' && name === '__version__') {
      skipped.push({
        sheet: 'survey',
        row: row.row,
        name,
        reason: "KoBo's version stamp; Ariadne versions forms itself",
      });
      continue;
    }
    if (UNSUPPORTED[type]) {
      problem('survey', row.row, `${type}: ${UNSUPPORTED[type]}`);
      continue;
    }

    const fieldType = mapType(type, row.cells.appearance ?? '');
    if (!fieldType) {
      problem('survey', row.row, `the type "${typeCell}" is unknown`);
      continue;
    }
    const isChoice = fieldType === 'select_one' || fieldType === 'select_multiple';
    if (isChoice ? !listName || rest.length > 0 : listName !== undefined) {
      problem('survey', row.row, isChoice ? `${type} needs one list name` : `"${typeCell}" is not a type`);
      continue;
    }
    if (!FieldName.safeParse(name).success) {
      problem('survey', row.row, `"${name}" is not a name (a letter or _, then letters, digits, _ - .)`);
      continue;
    }
    if (rows.has(name)) {
      problem('survey', row.row, `the name "${name}" is used twice (first in row ${rows.get(name)})`);
      continue;
    }
    rows.set(name, row.row);

    const required = (row.cells.required ?? '').toLowerCase();
    if (!YES.has(required) && !NO.has(required))
      problem('survey', row.row, `required "${row.cells.required}": a condition on required does not map (yes or no)`);

    let choices: FieldDefinition['choices'];
    if (isChoice) {
      if (YES.has((row.cells.ariadne_list ?? '').toLowerCase())) {
        if (options.hasList(listName!)) choices = { list: listName! };
        else problem('survey', row.row, `the organisation has no list "${listName}"`);
      } else {
        const found = lists.get(listName!);
        if (found) choices = { options: found };
        else problem('survey', row.row, `the choice list "${listName}" is not in the choices sheet`);
      }
    }

    const relevant = expression(row, 'relevant');
    const constraint = expression(row, 'constraint');
    const calculation = expression(row, 'calculation');
    if (fieldType === 'calculated' && !row.cells.calculation)
      problem('survey', row.row, 'calculate needs a calculation');
    if (fieldType !== 'calculated' && row.cells.calculation)
      problem('survey', row.row, 'only a calculate row has a calculation');
    const hint = labelsOf(row, 'survey', 'hint') as Labels | undefined;
    const constraintMessage = labelsOf(row, 'survey', 'constraint_message') as Labels | undefined;
    const field: FieldDefinition = {
      name,
      type: fieldType,
      label: (labelsOf(row, 'survey', 'label') as Labels | undefined) ?? { en: name },
      ...(hint ? { hint } : {}),
      required: YES.has(required),
      ...(relevant ? { relevant } : {}),
      ...(constraint ? { constraint } : {}),
      ...(constraintMessage ? { constraintMessage } : {}),
      ...(calculation && fieldType === 'calculated' ? { calculation } : {}),
      ...(choices ? { choices } : {}),
      sensitive: YES.has((row.cells.ariadne_sensitive ?? '').toLowerCase()),
      retired: YES.has((row.cells.ariadne_retired ?? '').toLowerCase()),
    };
    if (open) open.fields.push(field);
    else {
      if (!outside) {
        outside = { name: 'main', label: title ?? { en: 'Form' }, fields: [], row: row.row };
        sections.unshift(outside);
      }
      outside.fields.push(field);
    }
  }
  if (open) problem('survey', open.row, `the group "${open.name}" is never closed with end_group`);
  if (sections.every((section) => section.fields.length === 0))
    problem('survey', 1, 'the survey sheet has no question that maps');

  // Expressions: references to names the form does not have, `.` outside constraints, cycles.
  const sectionList = sections.filter((section) => section.fields.length > 0);
  for (const issue of checkDefinition({ sections: sectionList }))
    if (issue.code !== 'invalid_expression' || issue.position === undefined)
      problem(
        'survey',
        rows.get(issue.field) ?? sectionRows.get(issue.field) ?? 1,
        `${issue.property}: ${issue.message}`,
      );

  const formCode = settings.cells.form_id ?? options.code ?? 'imported_form';
  const candidate = {
    code: codeSchema.safeParse(formCode).success ? formCode : toCode(formCode) || 'imported_form',
    title: title ?? { en: formCode },
    ...(labelsOf(settings, 'settings', 'description')
      ? { description: labelsOf(settings, 'settings', 'description') }
      : {}),
    target: settings.cells.ariadne_target || options.target || 'case',
    referralSection: settings.cells.ariadne_referral_section || null,
    sections: sectionList.map(({ row: _row, ...section }) => section),
  };
  const parsed = FormDefinitionSchema.safeParse(candidate);
  if (!parsed.success) {
    // A row refused already is not refused again for what followed from it (a calculation that did not parse).
    const refused = new Set(problems.map((p) => `${p.sheet}:${p.row}`));
    for (const issue of parsed.error.issues) {
      const [sheet, row, reason] = placeOf(issue, candidate, rows, settings.row);
      if (!refused.has(`${sheet}:${row}`)) problem(sheet, row, reason);
    }
  }
  problems.sort((a, b) => SHEETS.indexOf(a.sheet) - SHEETS.indexOf(b.sheet) || a.row - b.row);
  return { ...(problems.length === 0 && parsed.success ? { form: parsed.data } : {}), problems, skipped, renamed };
}

const SHEETS = ['survey', 'choices', 'settings'] as const;

/** The sheet row a schema issue of the assembled definition comes from. */
function placeOf(
  issue: { path: PropertyKey[]; message: string },
  candidate: { sections: { fields: { name: string }[] }[] },
  rows: Map<string, number>,
  settingsRow: number,
): [RowProblem['sheet'], number, string] {
  const [first, s, second, f, ...rest] = issue.path;
  const what = [first, s, second, f, ...rest].join('.');
  if (first === 'sections' && second === 'fields' && typeof s === 'number' && typeof f === 'number') {
    const name = candidate.sections[s]?.fields[f]?.name;
    return ['survey', rows.get(name) ?? 1, `${rest.join('.') || 'field'}: ${issue.message}`];
  }
  if (first === 'sections') return ['survey', 1, `${what}: ${issue.message}`];
  return ['settings', settingsRow, `${what}: ${issue.message}`];
}

function mapType(type: string, appearance: string): FieldDefinition['type'] | undefined {
  switch (type) {
    case 'text':
      return /\bmultiline\b/.test(appearance) ? 'long_text' : 'text';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'date':
      return 'date';
    case 'select_one':
      return 'select_one';
    case 'select_multiple':
      return 'select_multiple';
    case 'acknowledge':
      return 'yes_no';
    case 'calculate':
      return 'calculated';
    case 'file':
    case 'image':
      return 'attachment';
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Export

/** A sheet to write: its header row, then rows of cells in the header's order. */
export interface SheetOut {
  name: 'survey' | 'choices' | 'settings';
  header: string[];
  rows: string[][];
}

const EXPORT_TYPES: Record<FieldDefinition['type'], string> = {
  text: 'text',
  long_text: 'text',
  number: 'decimal',
  date: 'date',
  yes_no: 'acknowledge',
  select_one: 'select_one',
  select_multiple: 'select_multiple',
  attachment: 'file',
  calculated: 'calculate',
};

/**
 * Writes a definition as XLSForm sheets (every section a group, labels as `label::<code>`).
 * `listItems` gives the organisation's lists (for fields choosing from one), so that ODK and KoBo
 * can show them; the row's `ariadne_list` says that Ariadne reads the organisation's list instead.
 */
export function toXlsForm(
  form: FormDefinition,
  listItems: (key: string) => { code: string; label: Labels }[],
  version?: number,
): SheetOut[] {
  const languages = new Set<string>(['en']);
  const note = (labels: Labels | undefined) => Object.keys(labels ?? {}).forEach((l) => languages.add(l));
  note(form.title);
  note(form.description);
  for (const section of form.sections) {
    note(section.label);
    for (const field of section.fields) {
      note(field.label);
      note(field.hint);
      note(field.constraintMessage);
      if (field.choices && 'options' in field.choices) field.choices.options.forEach((o) => note(o.label));
    }
  }
  if (form.sections.some((s) => s.fields.some((f) => f.choices && 'list' in f.choices)))
    for (const section of form.sections)
      for (const field of section.fields)
        if (field.choices && 'list' in field.choices) listItems(field.choices.list).forEach((item) => note(item.label));
  const ordered = ['en', ...[...languages].filter((l) => l !== 'en').sort()];
  const columns = (column: string) => ordered.map((l) => `${column}::${l}`);
  /** Cells by column name → a row in the header's order. */
  const line = (header: string[], cells: Record<string, string | undefined>) => header.map((h) => cells[h] ?? '');
  const labelled = (column: string, labels: Labels | undefined) =>
    Object.fromEntries(ordered.map((l) => [`${column}::${l}`, labels?.[l]]));
  const yes = (value: boolean) => (value ? 'yes' : '');

  const surveyHeader = [
    'type',
    'name',
    ...columns('label'),
    ...columns('hint'),
    'required',
    'relevant',
    'constraint',
    ...columns('constraint_message'),
    'calculation',
    'appearance',
    'ariadne_list',
    'ariadne_sensitive',
    'ariadne_retired',
  ];
  const choicesHeader = ['list_name', 'name', ...columns('label')];
  const survey: string[][] = [];
  const choices: string[][] = [];
  const written = new Set<string>();
  const listName = (field: FieldDefinition) => {
    if (!field.choices) return '';
    if ('list' in field.choices) {
      const key = field.choices.list;
      if (!written.has(key)) {
        written.add(key);
        for (const item of listItems(key))
          choices.push(line(choicesHeader, { list_name: key, name: item.code, ...labelled('label', item.label) }));
      }
      return key;
    }
    // The form's own options: one list per field, named after it.
    const key = `${field.name}_choices`;
    for (const option of field.choices.options)
      choices.push(line(choicesHeader, { list_name: key, name: option.code, ...labelled('label', option.label) }));
    return key;
  };
  for (const section of form.sections) {
    survey.push(
      line(surveyHeader, {
        type: 'begin_group',
        name: section.name,
        ...labelled('label', section.label),
        relevant: section.relevant,
      }),
    );
    for (const field of section.fields) {
      const list = listName(field);
      survey.push(
        line(surveyHeader, {
          type: list ? `${EXPORT_TYPES[field.type]} ${list}` : EXPORT_TYPES[field.type],
          name: field.name,
          ...labelled('label', field.label),
          ...labelled('hint', field.hint),
          required: yes(field.required),
          relevant: field.relevant,
          constraint: field.constraint,
          ...labelled('constraint_message', field.constraintMessage),
          calculation: field.calculation,
          appearance: field.type === 'long_text' ? 'multiline' : '',
          ariadne_list: yes(Boolean(field.choices && 'list' in field.choices)),
          ariadne_sensitive: yes(field.sensitive),
          ariadne_retired: yes(field.retired),
        }),
      );
    }
    survey.push(line(surveyHeader, { type: 'end_group', name: section.name }));
  }
  const settingsHeader = [
    'form_id',
    ...columns('form_title'),
    ...columns('description'),
    'default_language',
    'version',
    'ariadne_target',
    'ariadne_referral_section',
  ];
  const settings = line(settingsHeader, {
    form_id: form.code,
    ...labelled('form_title', form.title),
    ...labelled('description', form.description),
    default_language: 'en',
    version: version !== undefined ? String(version) : '',
    ariadne_target: form.target,
    ariadne_referral_section: form.referralSection ?? '',
  });
  return [
    { name: 'survey', header: surveyHeader, rows: survey },
    { name: 'choices', header: choicesHeader, rows: choices },
    { name: 'settings', header: settingsHeader, rows: [settings] },
  ];
}

/** Sheets to write → the rows as an import reads them (for tests and for a round trip without a workbook). */
export function asRead(sheets: SheetOut[]): XlsFormSheets {
  const read = (name: SheetOut['name']): SheetRow[] => {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) return [];
    const header = sheet.header.map((h) => h.trim().toLowerCase());
    return sheet.rows.map((cells, i) => ({
      row: i + 2,
      cells: Object.fromEntries(header.map((h, c) => [h, (cells[c] ?? '').trim()])),
    }));
  };
  return { survey: read('survey'), choices: read('choices'), settings: read('settings') };
}
