/**
 * The CSV export of one custom form's recorded values: one row per record (case reference, date
 * recorded, the form version it was recorded under), then one column per field over the union of
 * every version (the newest version's order first, then fields only older versions had), so no
 * value recorded under an earlier version loses its column.
 *
 * Sealed fields (text, long text, attachments and anything marked sensitive, in ANY version) are
 * left out entirely, column and all, and named in `withheld`: identities and free text never go
 * into exports. The export is built from the records' clear part only, so a sealed value is not
 * even at hand here. Choice cells carry the code and its label (`shelter (Shelter)`), multiple
 * choices joined by `; `; cells are quoted and formula-neutralised by the shared CSV writer.
 *
 * @example formValuesCsv({ versions, records, locale: 'en' }).csv
 */
import { toCsv, type CsvValue } from '../statistics/csv';
import { fieldsOf, isSealed, type FieldDefinition, type FieldValue, type FormDefinition } from './definition';
import { choiceLabel, labelIn } from './present';

export interface ExportVersion {
  version: number;
  definition: Pick<FormDefinition, 'sections'>;
}

export interface ExportRecord {
  caseReference: string;
  /** ISO timestamp or date. */
  recordedAt: string;
  version: number;
  /** The record's clear values (sealed ones are neither needed nor wanted). */
  values: Readonly<Record<string, FieldValue | null | undefined>>;
}

export interface FormValuesExport {
  csv: string;
  /** The header, as written. */
  columns: string[];
  /** Names of the fields left out because they are sealed. */
  withheld: string[];
  rows: number;
}

export const FIXED_COLUMNS = ['case_reference', 'recorded_on', 'form_version'] as const;

/** Every field over all versions, the newest definition winning for label, type and choices. */
function unionOfFields(versions: readonly ExportVersion[]): { field: FieldDefinition; sealed: boolean }[] {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const byName = new Map<string, { field: FieldDefinition; sealed: boolean }>();
  for (const { definition } of newestFirst)
    for (const { field } of fieldsOf(definition)) {
      const known = byName.get(field.name);
      // Sealed once is sealed for the export: a value recorded while the field was sensitive stays out.
      if (known) known.sealed ||= isSealed(field);
      else byName.set(field.name, { field, sealed: isSealed(field) });
    }
  return [...byName.values()];
}

function cell(
  field: FieldDefinition,
  value: FieldValue | null | undefined,
  locale: string,
  codes: Readonly<Record<string, string>> | undefined,
): CsvValue {
  if (value === null || value === undefined) return '';
  const options = { locale, yes: 'yes', no: 'no', ...(codes ? { codes } : {}) };
  const coded = (code: string) => {
    const label = choiceLabel(field, code, options);
    return label === code ? code : `${code} (${label})`;
  };
  if (Array.isArray(value)) return value.map(coded).join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field.type === 'select_one') return coded(String(value));
  return value;
}

/** The export of one form: columns, withheld field names and the CSV text. */
export function formValuesCsv(input: {
  versions: readonly ExportVersion[];
  records: readonly ExportRecord[];
  /** Language of the labels in the header and choice cells. */
  locale: string;
  /** Labels of reference-list choices, keyed `<list>.<code>`, in that language. */
  codes?: Readonly<Record<string, string>>;
}): FormValuesExport {
  const fields = unionOfFields(input.versions);
  const exported = fields.filter((f) => !f.sealed).map((f) => f.field);
  const withheld = fields.filter((f) => f.sealed).map((f) => f.field.name);
  const columns = [...FIXED_COLUMNS, ...exported.map((f) => `${f.name} (${labelIn(f.label, input.locale)})`)];
  const rows = input.records.map((r) => [
    r.caseReference,
    r.recordedAt.slice(0, 10),
    r.version,
    ...exported.map((f) => cell(f, r.values[f.name], input.locale, input.codes)),
  ]);
  return { csv: toCsv(columns, rows), columns, withheld, rows: rows.length };
}
