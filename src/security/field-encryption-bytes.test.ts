import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { KeyRing, type KeyStore, type WrappedKey } from './field-encryption';

function memoryStore(): KeyStore {
  const keys = new Map<string, WrappedKey[]>();
  return {
    async activeKey(org, purpose) {
      return (keys.get(`${org}:${purpose}`) ?? []).at(-1);
    },
    async keyVersion(org, purpose, version) {
      return (keys.get(`${org}:${purpose}`) ?? []).find((k) => k.version === version);
    },
    async addKey(org, purpose, key) {
      keys.set(`${org}:${purpose}`, [...(keys.get(`${org}:${purpose}`) ?? []), key]);
    },
    async allVersions() {
      return [];
    },
  };
}

async function ring() {
  const r = new KeyRing(crypto.randomBytes(32), memoryStore());
  await r.ensureOrganisationKeys('org-a');
  await r.ensureOrganisationKeys('org-b');
  return r;
}

describe('file encryption (encryptBytes)', () => {
  const file = Buffer.concat([Buffer.from('%PDF-1.7 signed consent of Demo Person 017'), crypto.randomBytes(64)]);

  test('round-trips, never holds the plaintext, and differs each time', async () => {
    const r = await ring();
    const sealed = await r.encryptBytes('org-a', file);
    expect(sealed.includes(Buffer.from('Demo Person'))).toBe(false);
    expect((await r.decryptBytes('org-a', sealed)).equals(file)).toBe(true);
    expect(sealed.equals(await r.encryptBytes('org-a', file))).toBe(false);
  });

  test("another organisation's key, a flipped byte or a truncated file does not open", async () => {
    const r = await ring();
    const sealed = await r.encryptBytes('org-a', file);
    await expect(r.decryptBytes('org-b', sealed)).rejects.toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    await expect(r.decryptBytes('org-a', flipped)).rejects.toThrow();
    await expect(r.decryptBytes('org-a', sealed.subarray(0, 30))).rejects.toThrow();
  });

  test('after rotation old files still open and new ones use the new key', async () => {
    const r = await ring();
    const old = await r.encryptBytes('org-a', file);
    await r.rotateDataKey('org-a');
    const fresh = await r.encryptBytes('org-a', file);
    expect(fresh.readUInt32BE(4)).toBe(2);
    expect((await r.decryptBytes('org-a', old)).equals(file)).toBe(true);
  });
});
