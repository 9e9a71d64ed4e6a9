/**
 * RFC 9162 Merkle tree hashing (Certificate Transparency v2): leaf = H(0x00 || data),
 * node = H(0x01 || left || right), the tree of n leaves split at the largest power of two
 * below n. Inclusion proofs show one leaf is in a tree; consistency proofs show that a
 * larger tree extends a smaller one — how truncation and rewriting are caught from outside.
 */
import crypto from 'node:crypto';

export type Hash = Buffer;

const sha256 = (...parts: Uint8Array[]): Hash => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (data: Uint8Array): Hash => sha256(LEAF_PREFIX, data);
/** MTH(D) = SHA-256(0x01 || MTH(left) || MTH(right)). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Hash => sha256(NODE_PREFIX, left, right);
/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256();

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * A tree over leaf hashes with every complete aligned subtree cached, so roots, inclusion
 * and consistency proofs of any prefix cost O(log n) hashes after one O(n) build.
 * Example: `new MerkleTree(hashes).root(5)` is the root of the first five leaves.
 */
export class MerkleTree {
  /** levels[k][i] = hash of the complete subtree of 2^k leaves starting at leaf i·2^k. */
  private readonly levels: Hash[][];

  constructor(leafHashes: readonly Hash[]) {
    this.levels = [[...leafHashes]];
    for (let level = this.levels[0]; level.length > 1;) {
      const up: Hash[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(level[i], level[i + 1]));
      this.levels.push(up);
      level = up;
    }
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** MTH(D[start:end]). */
  hash(start: number, end: number): Hash {
    const n = end - start;
    if (n <= 0) return EMPTY_ROOT;
    if ((n & (n - 1)) === 0 && start % n === 0) return this.levels[Math.log2(n)][start / n];
    const k = splitPoint(n);
    return nodeHash(this.hash(start, start + k), this.hash(start + k, end));
  }

  /** The root of the tree of the first `size` leaves. */
  root(size = this.size): Hash {
    this.check(size);
    return this.hash(0, size);
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[0:size]). */
  inclusionProof(index: number, size = this.size): Hash[] {
    this.check(size);
    if (index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const path = (m: number, start: number, end: number): Hash[] => {
      const n = end - start;
      if (n === 1) return [];
      const k = splitPoint(n);
      return m < k
        ? [...path(m, start, start + k), this.hash(start + k, end)]
        : [...path(m - k, start + k, end), this.hash(start, start + k)];
    };
    return path(index, 0, size);
  }

  /** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]). */
  consistencyProof(m: number, n = this.size): Hash[] {
    this.check(n);
    if (m < 0 || m > n) throw new RangeError(`a tree of ${m} is not a prefix of a tree of ${n}`);
    if (m === 0 || m === n) return [];
    const subproof = (m: number, start: number, end: number, b: boolean): Hash[] => {
      const size = end - start;
      if (m === size) return b ? [] : [this.hash(start, end)];
      const k = splitPoint(size);
      return m <= k
        ? [...subproof(m, start, start + k, b), this.hash(start + k, end)]
        : [...subproof(m - k, start + k, end, false), this.hash(start, start + k)];
    };
    return subproof(m, 0, n, true);
  }

  private check(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size)
      throw new RangeError(`tree has ${this.size} leaves, not ${size}`);
  }
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` with hash `leaf` in the tree of `size` with `root`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(r).equals(Buffer.from(root));
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of `size2` with `root2` extends the tree of `size1` with `root1`? */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  const eq = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
  if (!Number.isInteger(size1) || !Number.isInteger(size2) || size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && eq(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // When size1 is a power of two the old root itself starts the path.
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && eq(fr, root1) && eq(sr, root2);
}

/**
 * The right edge of a tree — the roots of its complete subtrees, largest first — which is
 * all an appender needs to extend the tree and compute its root without the older leaves.
 */
export function extendFrontier(frontier: readonly Hash[], size: number, leaf: Hash): Hash[] {
  const out = [...frontier, leaf];
  // Like a binary counter: each trailing 1-bit of the old size is a subtree the new leaf completes.
  for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) {
    const right = out.pop()!;
    const left = out.pop()!;
    out.push(nodeHash(left, right));
  }
  return out;
}

/** The root of a tree from its frontier. */
export function frontierRoot(frontier: readonly Hash[]): Hash {
  if (frontier.length === 0) return EMPTY_ROOT;
  let r = frontier[frontier.length - 1];
  for (let i = frontier.length - 2; i >= 0; i--) r = nodeHash(frontier[i], r);
  return r;
}
