/**
 * Keyed blind indexes: an HMAC of a normalised value, so encrypted names and
 * dates of birth can be found by exact match without storing them in clear.
 */
import crypto from 'node:crypto';

/** Case-, accent- and whitespace-insensitive form, so "Démo  Person" finds "demo person". */
export function normaliseForIndex(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The field name is mixed in so equal values in different fields do not share an index. */
export function blindIndex(indexKey: Buffer, field: string, value: string): string {
  return crypto
    .createHmac('sha256', indexKey)
    .update(field)
    .update('\u0000')
    .update(normaliseForIndex(value))
    .digest('base64url');
}
