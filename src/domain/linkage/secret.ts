/**
 * The network linkage secret: how much guessing it resists, and a keyed fingerprint that lets
 * organisations confirm they hold the same secret without showing it to each other.
 *
 * Strength is the lower of two estimates, in bits:
 *  - zxcvbn-ts (dictionary words, common passwords, keyboard walks, repeats, sequences): the
 *    logarithm of the guesses an attacker who knows those patterns needs;
 *  - the empirical Shannon entropy of the characters times the length, which catches a string
 *    of few distinct characters ("abababab…") whatever its length.
 * 48 bits is the floor: a random 16-character base64 secret scores about 53 to 64, the
 * 16-byte minimum alone would let "aaaaaaaaaaaaaaaa" through.
 */
import crypto from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { deriveKey, MIN_SECRET_BYTES, secretBytes } from './encode';
import { LinkageError } from './errors';

export const MIN_SECRET_BITS = 48;

let estimator: ZxcvbnFactory | undefined;

/** Bits of guessing the secret resists (the lower of the pattern and character-entropy estimates). */
export function secretStrengthBits(secret: string): number {
  const chars = [...secret];
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
  // Built on first use: the dictionaries take a moment to load. Beyond 100 characters the prefix decides.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
  const patternBits = estimator.check(secret.slice(0, 100)).guessesLog10 * Math.log2(10);
  return Math.min(patternBits, perChar * chars.length);
}

/**
 * Refuses a secret that is missing, shorter than MIN_SECRET_BYTES or weaker than MIN_SECRET_BITS,
 * with a field error on `field` (never the secret itself in the message).
 */
export function checkLinkageSecret(secret: string, field = 'secret'): void {
  const details = [
    { path: [field], code: 'weak_secret', minimumBytes: MIN_SECRET_BYTES, minimumBits: MIN_SECRET_BITS },
  ];
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES)
    throw new LinkageError('weak_secret', `The linkage secret must be at least ${MIN_SECRET_BYTES} bytes`, details);
  const bits = secretStrengthBits(secret);
  if (bits < MIN_SECRET_BITS)
    throw new LinkageError(
      'weak_secret',
      `The linkage secret is too easy to guess (about ${Math.floor(bits)} bits; at least ${MIN_SECRET_BITS} are required): use a long random string`,
      details,
    );
}

/**
 * A keyed fingerprint of the secret: HMAC-SHA256 of a fixed label under a key derived from the
 * secret (HKDF, its own label), first 64 bits as four groups of hex. Equal secrets give equal
 * fingerprints; the fingerprint reveals nothing that helps to guess the secret beyond testing a
 * guess (which the 48-bit floor makes expensive), and it is not any key the encodings use.
 */
export function secretFingerprint(secret: string | Uint8Array): string {
  const key = deriveKey(secretBytes(secret), 'fingerprint');
  const hex = crypto.createHmac('sha256', key).update('ariadne linkage secret fingerprint').digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)!.join('-');
}
