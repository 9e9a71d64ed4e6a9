import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  EMPTY_ROOT,
  extendFrontier,
  frontierRoot,
  leafHash,
  MerkleTree,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle';

// The RFC 6962 / RFC 9162 reference leaves and tree heads (certificate-transparency, transparency-dev/merkle).
const DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => Buffer.from(h, 'hex'),
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY = [
  {
    first: 2,
    second: 8,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    first: 2,
    second: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const hex = (h: Hash) => h.toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');
const reference = new MerkleTree(DATA.map(leafHash));

describe('RFC 9162 Merkle tree', () => {
  test('matches the reference tree heads for every size 0..8', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(hex(reference.root(n)), `size ${n}`).toBe(ROOTS[n]);
  });

  test.each(INCLUSION)(
    'inclusion proof of leaf $index in a tree of $size matches the reference',
    ({ index, size, proof }) => {
      expect(reference.inclusionProof(index, size).map(hex)).toEqual(proof);
      expect(verifyInclusion(index, size, leafHash(DATA[index]), proof.map(unhex), unhex(ROOTS[size]))).toBe(true);
      expect(verifyInclusion(index + 1, size, leafHash(DATA[index]), proof.map(unhex), unhex(ROOTS[size]))).toBe(false);
    },
  );

  test.each(CONSISTENCY)('consistency proof $first → $second matches the reference', ({ first, second, proof }) => {
    expect(reference.consistencyProof(first, second).map(hex)).toEqual(proof);
    expect(verifyConsistency(first, second, unhex(ROOTS[first]), unhex(ROOTS[second]), proof.map(unhex))).toBe(true);
    expect(verifyConsistency(first, second, unhex(ROOTS[first + 1]), unhex(ROOTS[second]), proof.map(unhex))).toBe(
      false,
    );
  });

  const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from([i, (i * 7) % 256])));
  const big = new MerkleTree(leaves);

  test('every inclusion and consistency proof of every size up to 40 verifies, and a mangled one does not', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const root = big.root(n);
      for (let i = 0; i < n; i++) {
        const proof = big.inclusionProof(i, n);
        expect(verifyInclusion(i, n, leaves[i], proof, root)).toBe(true);
        if (proof.length) expect(verifyInclusion(i, n, leaves[i], proof.slice(0, -1), root)).toBe(false);
        expect(verifyInclusion(i, n, leaves[(i + 1) % 40], proof, root)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = big.consistencyProof(m, n);
        expect(verifyConsistency(m, n, big.root(m), root, proof)).toBe(true);
        if (proof.length) {
          const bad = proof.map((h) => Buffer.from(h));
          bad[0][0] ^= 1;
          expect(verifyConsistency(m, n, big.root(m), root, bad)).toBe(false);
          expect(verifyConsistency(m, n, big.root(m), root, [...proof, leaves[0]])).toBe(false);
        }
      }
    }
  });

  test('property: the frontier an appender keeps gives the same root as the whole tree', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 70 }), (data) => {
        const hashes = data.map((d) => leafHash(d));
        let frontier: Hash[] = [];
        hashes.forEach((h, i) => {
          frontier = extendFrontier(frontier, i, h);
        });
        expect(hex(frontierRoot(frontier))).toBe(hex(new MerkleTree(hashes).root()));
      }),
    );
  });

  test('property: a proof for a changed leaf or against another tree fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), fc.nat(), (n, i0, m0) => {
        const i = i0 % n;
        const m = 1 + (m0 % (n - 1));
        const other = new MerkleTree(
          leaves.slice(0, n).map((h, k) => (k === i ? leafHash(Buffer.from('changed')) : h)),
        );
        expect(verifyInclusion(i, n, other.hash(i, i + 1), big.inclusionProof(i, n), big.root(n))).toBe(false);
        // A tree whose first m leaves differ is not an extension of the original m-tree unless leaf i lies beyond m.
        expect(verifyConsistency(m, n, big.root(m), other.root(n), other.consistencyProof(m, n))).toBe(i >= m);
      }),
    );
  });
});
