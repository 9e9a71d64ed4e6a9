/**
 * Bit-vector primitives for CLKs held as Uint32Array: SWAR popcount, Sørensen–Dice
 * and base64 (de)serialisation. Hot loops avoid allocation and use 32-bit maths.
 */
import { LinkageError } from './errors';

/** Set bits of one 32-bit word (SWAR: sums pairs, nibbles, then bytes in one multiply). */
export function popcount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Set bits of `words` words starting at `offset` (defaults: the whole array). */
export function popcount(bits: Uint32Array, offset = 0, words = bits.length - offset): number {
  let total = 0;
  for (let i = offset, end = offset + words; i < end; i++) total += popcount32(bits[i]);
  return total;
}

/** Set bits of a AND b over `words` words, at offsets into (possibly shared) arrays. */
export function andPopcount(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number, words: number): number {
  let total = 0;
  for (let i = 0; i < words; i++) {
    let v = a[aOffset + i] & b[bOffset + i];
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return total;
}

/** Sørensen–Dice of two equal-length bit vectors: 2|A∩B| / (|A|+|B|); 0 when both are empty. */
export function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length)
    throw new LinkageError('wrong_length', `Cannot compare encodings of ${a.length * 32} and ${b.length * 32} bits`);
  const sum = popcount(a) + popcount(b);
  return sum === 0 ? 0 : (2 * andPopcount(a, 0, b, 0, a.length)) / sum;
}

/** Serialises a bit vector to base64 (words written little-endian, whatever the platform). */
export function bitsToBase64(bits: Uint32Array): string {
  const bytes = new Uint8Array(bits.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < bits.length; i++) view.setUint32(i * 4, bits[i], true);
  return Buffer.from(bytes).toString('base64');
}

/** Parses base64 into a bit vector of exactly `expectedBits`; refuses any other length. */
export function bitsFromBase64(encoded: string, expectedBits: number): Uint32Array {
  if (typeof encoded !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) {
    throw new LinkageError('malformed_encoding', 'Encoding is not valid base64');
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length * 8 !== expectedBits) {
    throw new LinkageError('wrong_length', `Encoding has ${bytes.length * 8} bits, the schema expects ${expectedBits}`);
  }
  const bits = new Uint32Array(bytes.length / 4);
  // The words are little-endian, as this platform's are: one copy of the bytes (a run decodes a
  // million stored encodings), word by word only where the platform is big-endian.
  if (LITTLE_ENDIAN) new Uint8Array(bits.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < bits.length; i++) bits[i] = view.getUint32(i * 4, true);
  }
  return bits;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
