/**
 * Corrections of a case record: what changed between two versions, by field name. A secret field
 * (SECRET_FIELDS: her own words, shelter addresses) is named but its values are never shown here.
 */

export interface FieldChange {
  field: string;
  secret: boolean;
  /** JSON text of the value before; null when absent or when the field is secret. */
  before: string | null;
  after: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const shown = (v: unknown) => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** The top-level secret fields of a kind ("microObjectives[].title" makes "microObjectives" secret). */
export const secretRoots = (secretFields: readonly string[]) => new Set(secretFields.map((f) => f.split(/[.[]/)[0]!));

/**
 * The fields that differ between two versions of a record, in a stable order.
 * @example changesBetween({ status: 'open' }, { status: 'achieved' }, []) // [{ field: 'status', before: 'open', after: 'achieved', secret: false }]
 */
export function changesBetween(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  secretFields: readonly string[],
): FieldChange[] {
  const secret = secretRoots(secretFields);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].sort();
  return fields
    .filter((f) => before === null || !same(before[f], after[f]))
    .filter((f) => before !== null || after[f] !== undefined)
    .map((field) => ({
      field,
      secret: secret.has(field),
      before: secret.has(field) || before === null ? null : shown(before[field]),
      after: secret.has(field) ? null : shown(after[field]),
    }));
}

/** Kinds whose records are a history of events: corrected by a new event, and never voided (consent). */
export const NEVER_VOIDED = new Set(['consent']);
