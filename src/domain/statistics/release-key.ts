/**
 * Stable keys for releases: the canonical JSON of a query spec (object keys
 * sorted, undefined dropped) hashed with SHA-256, so the same query always
 * maps to the same stored release however its spec was written.
 */
import { createHash } from 'node:crypto';

export type CanonicalValue =
  string | number | boolean | null | undefined | CanonicalValue[] | { [key: string]: CanonicalValue };

/** Canonical JSON: sorted keys, no whitespace, undefined members dropped; refuses non-finite numbers. */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Query specs hold finite numbers only');
    return JSON.stringify(Object.is(value, -0) ? 0 : value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw new TypeError(`Cannot canonicalise ${typeof value}`);
}

/**
 * The release key of a query spec: "rk_" + hex SHA-256 of its canonical JSON.
 * @example releaseKey({ population: 'assisted_persons', rows: 'sex', epsilon: 0.5 }) === releaseKey({ epsilon: 0.5, rows: 'sex', population: 'assisted_persons' })
 */
export function releaseKey(spec: CanonicalValue): string {
  return `rk_${createHash('sha256').update(canonicalJson(spec)).digest('hex')}`;
}
