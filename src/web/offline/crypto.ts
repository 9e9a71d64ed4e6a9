/**
 * WebCrypto for the device store (issue #18). The data key is an AES-GCM CryptoKey that is never
 * extractable: it lives in memory only, and nothing can read its bytes back. Its material comes from
 * the server (a registered device's key); for unlocking offline after a reload it is also kept wrapped
 * under a key derived from her password (PBKDF2-SHA-256, 310,000 iterations, random salt), and unwrapped
 * straight into a non-extractable key again.
 */

export const PBKDF2_ITERATIONS = 310_000;

/** What a sealed value is on disk: a random 96-bit IV and the AES-GCM ciphertext (with its tag). */
export interface Sealed {
  iv: Uint8Array;
  ct: ArrayBuffer;
}

/** Her wrapped data key: salt and iteration count of the derivation, IV and ciphertext of the wrap. */
export interface WrappedKey {
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** A random id for a change or a record made offline (UUID v4). */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}

export function base64ToBytes(text: string): Uint8Array {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = normal + '='.repeat((4 - (normal.length % 4)) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The server's key material (32 bytes) as a non-extractable AES-GCM key. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.byteLength !== 32) throw new Error('A device key is 32 bytes');
  return subtle().importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** The key-encryption key from her password: PBKDF2 to an AES-GCM key used only to wrap and unwrap. */
export async function deriveWrappingKey(
  password: string,
  salt: Uint8Array,
  iterations = PBKDF2_ITERATIONS,
): Promise<CryptoKey> {
  if (iterations < PBKDF2_ITERATIONS) throw new Error('Too few PBKDF2 iterations');
  const base = await subtle().importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey', 'encrypt'],
  );
}

/**
 * Wraps the raw key material under her password. The raw bytes are the server's answer, held only for
 * this call; the caller zeroes them afterwards.
 */
export async function wrapRawKey(raw: Uint8Array, password: string): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const kek = await deriveWrappingKey(password, salt);
  const iv = randomBytes(12);
  // AES-GCM over the raw key bytes is what wrapKey('raw', …, AES-GCM) produces; unwrapKey reads it back.
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, kek, raw as BufferSource);
  return { salt, iterations: PBKDF2_ITERATIONS, iv, ct };
}

/** Her password unwraps the data key straight into a non-extractable key; a wrong password throws. */
export async function unwrapDataKey(wrapped: WrappedKey, password: string): Promise<CryptoKey> {
  const kek = await deriveWrappingKey(password, wrapped.salt, wrapped.iterations);
  return subtle().unwrapKey(
    'raw',
    wrapped.ct,
    kek,
    { name: 'AES-GCM', iv: wrapped.iv as BufferSource },
    { name: 'AES-GCM' },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Seals a JSON value. `context` (the table and the record's id) is bound as additional data, so a
 * ciphertext copied onto another record does not decrypt.
 */
export async function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(context) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, ct };
}

export async function open<T>(key: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: sealed.iv as BufferSource, additionalData: encoder.encode(context) },
    key,
    sealed.ct,
  );
  return JSON.parse(decoder.decode(plain)) as T;
}
