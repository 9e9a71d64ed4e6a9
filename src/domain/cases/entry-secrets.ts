/**
 * Splitting a record into its clear part and its secret part, and merging them back.
 * Which fields are secret is declared in SECRET_FIELDS as paths: `notes` for a field of the
 * record, `scores[].note` for a field inside each element of a list. The secret part is a
 * JSON object keyed by path; a list path holds one value per element (null where the element
 * has none), so the merge puts each value back into the element at the same index.
 *
 * @example
 *   splitSecretFields(['scores[].note'], { scores: [{ score: 1, note: 'x' }, { score: 2 }] })
 *   // → { clear: { scores: [{ score: 1 }, { score: 2 }] }, secrets: { 'scores[].note': ['x', null] } }
 */

type Data = Record<string, unknown>;

function parsePath(path: string): { list: string; field: string } | { field: string } {
  const at = path.indexOf('[].');
  return at < 0 ? { field: path } : { list: path.slice(0, at), field: path.slice(at + 3) };
}

const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The clear record (secret fields removed) and the secret values, or null when there are none. */
export function splitSecretFields(paths: readonly string[], data: Data): { clear: Data; secrets: Data | null } {
  const clear: Data = { ...data };
  const secrets: Data = {};
  for (const path of paths) {
    const p = parsePath(path);
    if (!('list' in p)) {
      if (clear[p.field] !== undefined) secrets[path] = clear[p.field];
      delete clear[p.field];
      continue;
    }
    const list = clear[p.list];
    if (!Array.isArray(list)) continue;
    const values = list.map((item) => (isRecord(item) && item[p.field] !== undefined ? item[p.field] : null));
    clear[p.list] = list.map((item) => {
      if (!isRecord(item)) return item;
      const { [p.field]: _secret, ...rest } = item;
      return rest;
    });
    if (values.some((v) => v !== null)) secrets[path] = values;
  }
  return { clear, secrets: Object.keys(secrets).length ? secrets : null };
}

/** The whole record again. Values still in the clear part (rows written before encryption) are kept. */
export function mergeSecretFields(clear: Data, secrets: Data | null): Data {
  const data: Data = { ...clear };
  for (const [path, value] of Object.entries(secrets ?? {})) {
    const p = parsePath(path);
    if (!('list' in p)) {
      data[path] = value;
      continue;
    }
    const list = data[p.list];
    if (!Array.isArray(list) || !Array.isArray(value)) continue;
    data[p.list] = list.map((item, i) =>
      isRecord(item) && value[i] !== null && value[i] !== undefined ? { ...item, [p.field]: value[i] } : item,
    );
  }
  return data;
}

/** True when the clear part still holds a secret field (a row written before the field was encrypted). */
export function hasClearSecrets(paths: readonly string[], clear: Data): boolean {
  return splitSecretFields(paths, clear).secrets !== null;
}

/** The jsonpath of a secret field, for finding clear rows in the database. */
export const jsonPathOf = (path: string): string => {
  const p = parsePath(path);
  return 'list' in p ? `$."${p.list}"[*]."${p.field}"` : `$."${p.field}"`;
};
