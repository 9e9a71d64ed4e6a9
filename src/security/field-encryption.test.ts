import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { blindIndex, normaliseForIndex } from './blind-index';
import { isCiphertext, KeyRing, type KeyStore, type WrappedKey } from './field-encryption';

function memoryStore(): KeyStore & { keys: Map<string, WrappedKey[]> } {
  const keys = new Map<string, WrappedKey[]>();
  return {
    keys,
    async activeKey(org, purpose) {
      const list = keys.get(`${org}:${purpose}`) ?? [];
      return list[list.length - 1];
    },
    async keyVersion(org, purpose, version) {
      return (keys.get(`${org}:${purpose}`) ?? []).find((k) => k.version === version);
    },
    async addKey(org, purpose, key) {
      keys.set(`${org}:${purpose}`, [...(keys.get(`${org}:${purpose}`) ?? []), key]);
    },
    async allVersions(org) {
      return (['data', 'index'] as const).flatMap((purpose) => {
        const list = keys.get(`${org}:${purpose}`) ?? [];
        return list.map((k, i) => ({ ...k, purpose, active: i === list.length - 1 }));
      });
    },
  };
}

async function ring() {
  const store = memoryStore();
  const r = new KeyRing(crypto.randomBytes(32), store);
  await r.ensureOrganisationKeys('org-a');
  await r.ensureOrganisationKeys('org-b');
  return { r, store };
}

describe('field encryption', () => {
  test('after warm(), encryption and decryption need no key store lookups', async () => {
    const { r, store } = await ring();
    const old = await r.encrypt('org-a', 'Demo Person 018');
    await r.rotateDataKey('org-a');
    await r.warm('org-a');
    store.activeKey = store.keyVersion = async () => {
      throw new Error('the store must not be asked inside a transaction');
    };
    expect(await r.decrypt('org-a', old)).toBe('Demo Person 018');
    expect(await r.decrypt('org-a', await r.encrypt('org-a', 'Demo Person 019'))).toBe('Demo Person 019');
    expect((await r.encrypt('org-a', 'x')).split('.')[1]).toBe('2');
  });

  test('round-trips and never stores the plaintext', async () => {
    const { r } = await ring();
    const ct = await r.encrypt('org-a', 'Demo Person 017');
    expect(isCiphertext(ct)).toBe(true);
    expect(ct).not.toContain('Demo');
    expect(await r.decrypt('org-a', ct)).toBe('Demo Person 017');
  });

  test('the same value encrypts differently each time (random IV)', async () => {
    const { r } = await ring();
    expect(await r.encrypt('org-a', 'x')).not.toBe(await r.encrypt('org-a', 'x'));
  });

  test("a ciphertext copied into another organisation's row does not decrypt", async () => {
    const { r } = await ring();
    const ct = await r.encrypt('org-a', 'secret address');
    await expect(r.decrypt('org-b', ct)).rejects.toThrow();
  });

  test('tampering is detected by the GCM tag', async () => {
    const { r } = await ring();
    const parts = (await r.encrypt('org-a', 'hello')).split('.');
    parts[4] = Buffer.from('hellx').toString('base64url');
    await expect(r.decrypt('org-a', parts.join('.'))).rejects.toThrow();
  });

  test('after rotation new values use the new key and old ones still decrypt', async () => {
    const { r } = await ring();
    const old = await r.encrypt('org-a', 'before');
    expect(await r.rotateDataKey('org-a')).toBe(2);
    const fresh = await r.encrypt('org-a', 'after');
    expect(fresh.split('.')[1]).toBe('2');
    expect(await r.decrypt('org-a', old)).toBe('before');
  });

  test('master-key re-wrapping keeps data readable under the new master', async () => {
    const store = memoryStore();
    const oldMaster = crypto.randomBytes(32);
    const newMaster = crypto.randomBytes(32);
    const r1 = new KeyRing(oldMaster, store);
    await r1.ensureOrganisationKeys('org-a');
    const ct = await r1.encrypt('org-a', 'value');
    for (const list of store.keys.values())
      for (const k of list) k.wrappedKey = KeyRing.rewrap(oldMaster, newMaster, k.wrappedKey);
    expect(await new KeyRing(newMaster, store).decrypt('org-a', ct)).toBe('value');
    await expect(new KeyRing(oldMaster, store).decrypt('org-a', ct)).rejects.toThrow();
  });
});

describe('blind index', () => {
  const key = crypto.randomBytes(32);
  test.each([
    ['Démo  Person', 'demo person'],
    ['  DEMO PERSON ', 'demo person'],
  ])('%s normalises to %s and indexes equally', (a, b) => {
    expect(normaliseForIndex(a)).toBe(b);
    expect(blindIndex(key, 'name', a)).toBe(blindIndex(key, 'name', b));
  });
  test('depends on the field and on the key', () => {
    expect(blindIndex(key, 'name', 'x')).not.toBe(blindIndex(key, 'alias', 'x'));
    expect(blindIndex(key, 'name', 'x')).not.toBe(blindIndex(crypto.randomBytes(32), 'name', 'x'));
  });
});
