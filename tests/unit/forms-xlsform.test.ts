/**
 * XLSForm import and export (src/domain/forms/xlsform.ts, the workbook through
 * src/services/xlsform-workbook.ts): IOM's published HTCDS XLSForm imports (what does not map is
 * named), every refused row is named at once, labels in every language form, and
 * import(export(form)) = form for generated definitions (fast-check).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FormDefinitionSchema, type FormDefinitionInput } from '../../src/domain/forms/definition';
import { printExpression } from '../../src/domain/forms/expression';
import { asRead, fromXlsForm, type SheetOut, toXlsForm, type XlsFormSheets } from '../../src/domain/forms/xlsform';
import { readXlsForm, writeXlsForm } from '../../src/services/xlsform-workbook';
import { astArbitrary } from './support/forms-arbitraries';

const HTCDS = path.resolve(import.meta.dirname, '../fixtures/htcds_xlsform.xlsx');
const hasList = (key: string) => key === 'needs';
const NEEDS: { code: string; label: { en: string; [language: string]: string } }[] = [
  { code: 'shelter', label: { en: 'Shelter', fr: 'Hébergement' } },
  { code: 'food', label: { en: 'Food' } },
];

/** Sheets from header + rows, as a workbook would give them (row 1 the header). */
function sheets(input: Partial<Record<keyof XlsFormSheets, string[][]>>): XlsFormSheets {
  const out: SheetOut[] = (['survey', 'choices', 'settings'] as const).map((name) => {
    const [header = [], ...rows] = input[name] ?? [];
    return { name, header, rows };
  });
  return asRead(out);
}

describe('the published HTCDS XLSForm', () => {
  test('imports as a form: each question a field, choice codes made codes, metadata named as skipped', async () => {
    const read = await readXlsForm(readFileSync(HTCDS));
    const result = fromXlsForm(read, { code: 'htcds', hasList });
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([
      { sheet: 'survey', row: 2, name: 'start', reason: 'start: metadata, Ariadne records it itself' },
      { sheet: 'survey', row: 3, name: 'end', reason: 'end: metadata, Ariadne records it itself' },
      { sheet: 'survey', row: 35, name: '__version__', reason: "KoBo's version stamp; Ariadne versions forms itself" },
    ]);
    const form = result.form!;
    expect(form.code).toBe('htcds');
    const fields = form.sections.flatMap((s) => s.fields);
    expect(fields).toHaveLength(31);
    expect(fields.find((f) => f.name === 'prs_Birthdate')).toMatchObject({ type: 'date', required: false });
    const gender = fields.find((f) => f.name === 'prs_Gender')!;
    expect(gender).toMatchObject({ type: 'select_one', label: { en: 'Gender' } });
    expect(gender.choices).toMatchObject({
      options: expect.arrayContaining([{ code: 'transgender_feminine', label: { en: 'Transgender Feminine' } }]),
    });
    expect(fields.find((f) => f.name === 'vic_MethodOfRecruitment')?.type).toBe('select_multiple');
    // Codes that are not Ariadne codes are renamed, and each renaming is said.
    expect(result.renamed).toContainEqual({ list: 'gender', from: 'TransgenderFeminine', to: 'transgender_feminine' });
    expect(result.renamed).toContainEqual({ list: 'citizenship', from: 'AF', to: 'af' });
    // And what was imported exports and imports again unchanged.
    const again = fromXlsForm(asRead(toXlsForm(form, () => [])), { hasList });
    expect(again.problems).toEqual([]);
    expect(again.form).toEqual(form);
  });
});

describe('import', () => {
  test('labels in each language, both header forms, default_language for plain columns', () => {
    const result = fromXlsForm(
      sheets({
        survey: [
          ['type', 'name', 'label', 'label::Français (fr)', 'label::it', 'hint::Slovak (sk)', 'required', 'relevant'],
          ['begin_group', 'about', 'About', 'À propos', 'Informazioni', '', '', ''],
          ['integer', 'age', 'Age', 'Âge', 'Età', 'Vek v rokoch', 'yes', ''],
          ['text', 'school', 'School', 'École', 'Scuola', '', 'false', '${age} < 18'],
          ['end_group', '', '', '', '', '', '', ''],
        ],
        settings: [
          ['form_id', 'form_title', 'default_language'],
          ['intake_extra', 'Intake', 'English (en)'],
        ],
      }),
      { hasList },
    );
    expect(result.problems).toEqual([]);
    expect(result.form!.sections[0]).toEqual({
      name: 'about',
      label: { en: 'About', fr: 'À propos', it: 'Informazioni' },
      fields: [
        expect.objectContaining({
          name: 'age',
          type: 'number',
          label: { en: 'Age', fr: 'Âge', it: 'Età' },
          hint: { sk: 'Vek v rokoch', en: 'Vek v rokoch' },
          required: true,
        }),
        expect.objectContaining({ name: 'school', type: 'text', relevant: '${age} < 18', required: false }),
      ],
    });
    expect(result.form!.title).toEqual({ en: 'Intake' });
  });

  test('fields outside a group go to a first section; notes are skipped and named', () => {
    const result = fromXlsForm(
      sheets({
        survey: [
          ['type', 'name', 'label'],
          ['note', 'intro', 'Read this first'],
          ['date', 'met_on', 'Met on'],
          ['begin group', 'more', 'More'],
          ['acknowledge', 'agreed', 'Agreed'],
          ['end group', '', ''],
          ['text', 'notes', 'Notes'],
        ],
      }),
      { code: 'quick', hasList },
    );
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([
      { sheet: 'survey', row: 2, name: 'intro', reason: 'note: a text to read, no answer' },
    ]);
    expect(result.form!.sections.map((s) => [s.name, s.fields.map((f) => `${f.name}:${f.type}`)])).toEqual([
      ['main', ['met_on:date', 'notes:text']],
      ['more', ['agreed:yes_no']],
    ]);
  });

  test('refuses what does not map, naming every offending row at once', () => {
    const result = fromXlsForm(
      sheets({
        survey: [
          ['type', 'name', 'label', 'required', 'relevant', 'constraint', 'calculation'],
          ['text', 'name', 'Name', 'yes', '', '', ''], // 2: fine
          ['begin_repeat', 'children', 'Children', '', '', '', ''], // 3: repeat
          ['text', 'child_name', 'Child', '', '', '', ''], // 4: inside the repeat, refused with it
          ['end_repeat', '', '', '', '', '', ''], // 5
          ['geopoint', 'where', 'Where', '', '', '', ''], // 6
          ['barcode', 'code', 'Code', '', '', '', ''], // 7
          ['colour', 'fav', 'Colour', '', '', '', ''], // 8: unknown type
          ['integer', 'age', 'Age', '', '${nobody} > 1', '', ''], // 9: unknown reference
          ['integer', 'age2', 'Age', '', '', '. >=', ''], // 10: does not parse
          ['select_one missing', 'pick', 'Pick', '', '', '', ''], // 11: no such list
          ['text', 'name', 'Again', '', '', '', ''], // 12: duplicate
          ['text', 'bad name', 'Bad', '', '', '', ''], // 13: not a name
          ['text', 'cond', 'Cond', '${name} != ""', '', '', ''], // 14: conditional required
          ['text', 'regexy', 'R', '', '', "regex(., '^a')", ''], // 15: regex refused
          ['begin_group', 'g', 'G', '', '', '', ''], // 16
          ['begin_group', 'inner', 'Inner', '', '', '', ''], // 17: nested
          ['end_group', '', '', '', '', '', ''], // 18
        ],
        choices: [
          ['list_name', 'name', 'label'],
          ['colours', 'Red', 'Red'], // renamed, fine
          ['colours', '', 'No name'], // 3: no name
          ['colours', 'red', 'Red again'], // 4: duplicate once renamed
          ['colours', '!!!', 'Bangs'], // 5: gives no code
        ],
      }),
      { code: 'faulty', hasList },
    );
    expect(result.form).toBeUndefined();
    expect(result.problems.map((p) => [p.sheet, p.row])).toEqual([
      ['survey', 3],
      ['survey', 6],
      ['survey', 7],
      ['survey', 8],
      ['survey', 9],
      ['survey', 10],
      ['survey', 11],
      ['survey', 12],
      ['survey', 13],
      ['survey', 14],
      ['survey', 15],
      ['survey', 16],
      ['survey', 17],
      ['choices', 3],
      ['choices', 4],
      ['choices', 5],
    ]);
    const reasons = Object.fromEntries(result.problems.map((p) => [`${p.sheet}:${p.row}`, p.reason]));
    expect(reasons['survey:3']).toMatch(/repeat groups do not map/);
    expect(reasons['survey:6']).toMatch(/location/);
    expect(reasons['survey:8']).toBe('the type "colour" is unknown');
    expect(reasons['survey:9']).toBe('relevant: ${nobody} is not a field of this form');
    expect(reasons['survey:10']).toMatch(/^constraint: Expected a value, found the end of the expression/);
    expect(reasons['survey:11']).toBe('the choice list "missing" is not in the choices sheet');
    expect(reasons['survey:12']).toBe('the name "name" is used twice (first in row 2)');
    expect(reasons['survey:14']).toMatch(/a condition on required does not map/);
    expect(reasons['survey:15']).toMatch(/regex\(\) is not supported/);
    expect(reasons['survey:16']).toBe('the group "g" has no questions');
    expect(reasons['survey:17']).toMatch(/a group inside the group "g"/);
    expect(reasons['choices:4']).toBe('the choice "red" appears twice in the list "colours"');
  });

  test('renamed codes are renamed in the expressions too', () => {
    const result = fromXlsForm(
      sheets({
        survey: [
          ['type', 'name', 'label', 'relevant'],
          ['select_multiple needs', 'needs', 'Needs', ''],
          ['text', 'where', 'Where', "selected(${needs}, 'SafeHouse')"],
        ],
        choices: [
          ['list_name', 'name', 'label'],
          ['needs', 'SafeHouse', 'Safe house'],
        ],
      }),
      { code: 'renames', hasList: () => false },
    );
    expect(result.problems).toEqual([]);
    expect(result.form!.sections[0].fields[1].relevant).toBe("selected(${needs}, 'safe_house')");
  });
});

// ---------------------------------------------------------------------------------------------
// import(export(form)) = form

const label = fc.stringMatching(/^[A-Za-zÀ-ž0-9][A-Za-zÀ-ž0-9 ,.'"?-]{0,14}[A-Za-zÀ-ž0-9?]$/);
const labels = fc
  .record({ en: label, fr: label, it: label, sk: label }, { requiredKeys: ['en'] })
  .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as { en: string });
const codeArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'yes_no',
  'select_one',
  'select_multiple',
  'attachment',
  'calculated',
] as const;
const POOL = ['age', 'where', 'agreed', 'kind', 'total', 'met_on', 'x.y', 'a-b', 'notes', 'pick'];

const definitionArbitrary: fc.Arbitrary<FormDefinitionInput> = fc
  .tuple(fc.shuffledSubarray(POOL, { minLength: 1 }), fc.integer({ min: 1, max: 3 }))
  .chain(([names, sectionCount]) => {
    // Field i reads only fields before it, and a section only fields of earlier sections: no cycles.
    const perSection = Math.ceil(names.length / sectionCount);
    const chunks = Array.from({ length: sectionCount }, (_, s) =>
      names.slice(s * perSection, (s + 1) * perSection),
    ).filter((chunk) => chunk.length > 0);
    const expressionOver = (readable: string[], self: boolean) =>
      readable.length === 0
        ? fc.constant(undefined)
        : fc.option(astArbitrary({ names: readable, self }).map(printExpression), { nil: undefined });
    const field = (name: string, before: string[]) =>
      fc
        .record({
          type: fc.constantFrom(...TYPES),
          label: labels,
          hint: fc.option(labels, { nil: undefined }),
          required: fc.boolean(),
          relevant: expressionOver(before, false),
          constraint: fc.option(
            astArbitrary({ names: POOL.filter((n) => names.includes(n)), self: true }).map(printExpression),
            {
              nil: undefined,
            },
          ),
          constraintMessage: fc.option(labels, { nil: undefined }),
          calculation: before.length
            ? astArbitrary({ names: before, self: false }).map(printExpression)
            : fc.constant("'x'"),
          list: fc.boolean(),
          options: fc.uniqueArray(fc.record({ code: codeArb, label: labels }), {
            minLength: 1,
            maxLength: 4,
            selector: (o) => o.code,
          }),
          sensitive: fc.boolean(),
          retired: fc.boolean(),
        })
        .map(({ type, list, options, calculation, ...rest }) => ({
          name,
          type,
          ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
          ...(type === 'calculated' ? { calculation } : {}),
          ...(type === 'select_one' || type === 'select_multiple'
            ? { choices: list ? { list: 'needs' } : { options } }
            : {}),
        }));
    const sectionArbs = chunks.map((chunk, s) => {
      const earlier = chunks.slice(0, s).flat();
      return fc.record({
        name: fc.constant(`section_${s}`),
        label: labels,
        relevant: expressionOver(earlier, false),
        fields: fc.tuple(...chunk.map((name, i) => field(name, [...earlier, ...chunk.slice(0, i)]))),
      });
    });
    return fc.record({
      code: codeArb,
      title: labels,
      description: fc.option(labels, { nil: undefined }),
      target: fc.constantFrom('case', 'service'),
      referralSection: fc.constantFrom(null, 'identity'),
      sections: fc.tuple(...sectionArbs),
    });
  })
  .map((form) => JSON.parse(JSON.stringify(form, (_, v) => (v === undefined ? undefined : v))) as FormDefinitionInput);

describe('export', () => {
  test('import(export(form)) = form', () => {
    fc.assert(
      fc.property(definitionArbitrary, (input) => {
        const parsed = FormDefinitionSchema.safeParse(input);
        fc.pre(parsed.success);
        const form = parsed.data!;
        const result = fromXlsForm(asRead(toXlsForm(form, () => NEEDS)), { hasList });
        expect(result.problems).toEqual([]);
        expect(result.form).toEqual(form);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  test('through a real .xlsx workbook too', async () => {
    const form = FormDefinitionSchema.parse({
      code: 'intake_extra',
      title: { en: 'Intake', fr: 'Accueil', it: 'Accoglienza', sk: 'Príjem' },
      target: 'case',
      sections: [
        {
          name: 'about',
          label: { en: 'About her', fr: 'À son sujet' },
          fields: [
            {
              name: 'age',
              type: 'number',
              label: { en: 'Age', sk: 'Vek' },
              required: true,
              constraint: '. >= 0 and . <= 120',
            },
            { name: 'needs', type: 'select_multiple', label: { en: 'Needs' }, choices: { list: 'needs' } },
            { name: 'story', type: 'long_text', label: { en: 'Story' }, sensitive: true, relevant: '${age} >= 18' },
          ],
        },
      ],
    });
    const bytes = await writeXlsForm(toXlsForm(form, () => NEEDS, 3));
    const read = await readXlsForm(bytes);
    // The organisation's list is written out for ODK and KoBo, marked as hers.
    expect(read.choices.map((r) => [r.cells.list_name, r.cells.name, r.cells['label::fr']])).toEqual([
      ['needs', 'shelter', 'Hébergement'],
      ['needs', 'food', ''],
    ]);
    expect(read.settings[0].cells.version).toBe('3');
    expect(fromXlsForm(read, { hasList }).form).toEqual(form);
  });
});
