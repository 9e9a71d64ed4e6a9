/**
 * Field-level encryption of identifying data (AES-256-GCM).
 * Each organisation has its own data key, wrapped by the master key; the
 * organisation id is bound in as associated data, so a ciphertext copied into
 * another tenant's row cannot be decrypted there.
 *
 * Ciphertext format: `enc1.<keyVersion>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
import crypto from 'node:crypto';

export interface WrappedKey {
  version: number;
  wrappedKey: string;
}

/** Where the key ring finds and stores wrapped keys (implemented by the storage layer). */
export interface KeyStore {
  activeKey(organisationId: string, purpose: 'data' | 'index'): Promise<WrappedKey | undefined>;
  keyVersion(organisationId: string, purpose: 'data' | 'index', version: number): Promise<WrappedKey | undefined>;
  allVersions(organisationId: string): Promise<(WrappedKey & { purpose: 'data' | 'index'; active: boolean })[]>;
  addKey(organisationId: string, purpose: 'data' | 'index', key: WrappedKey): Promise<void>;
}

const PREFIX = 'enc1';
/** The first bytes of an encrypted file (encryptBytes). */
const BYTES_MAGIC = Buffer.from('AEB1');

function wrap(masterKey: Buffer, raw: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', masterKey, iv);
  const ct = Buffer.concat([cipher.update(raw), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url')).join('.');
}

function unwrap(masterKey: Buffer, wrapped: string): Buffer {
  const [iv, tag, ct] = wrapped.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', masterKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('The master key must be 32 bytes, base64-encoded');
  return key;
}

export function isCiphertext(value: string): boolean {
  return value.startsWith(PREFIX + '.');
}

/** How long the active key version is trusted before it is looked up again (rotation by another process). */
const ACTIVE_KEY_TTL_MS = 60_000;

export class KeyRing {
  private cache = new Map<string, Buffer>();
  private active = new Map<string, { key: WrappedKey; loadedAt: number }>();
  private versions = new Map<string, WrappedKey>();
  private warmedAt = new Map<string, number>();

  constructor(
    private masterKey: Buffer,
    private store: KeyStore,
  ) {}

  /**
   * A 32-byte secret for one purpose, derived from the master key with HKDF-SHA256: keys the
   * database must not hold (the audit checkpoint signing key) without a second secret to manage.
   */
  deriveSecret(info: string): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.masterKey, Buffer.alloc(0), info, 32));
  }

  /** Wraps a 32-byte secret under the master key, as the organisation keys are (the audit signing seed). */
  wrapSecret(raw: Buffer): string {
    return wrap(this.masterKey, raw);
  }

  /** Unwraps a secret of wrapSecret; throws when the master key is not the one it was wrapped with. */
  unwrapSecret(wrapped: string): Buffer {
    return unwrap(this.masterKey, wrapped);
  }

  /** Creates the organisation's first data and blind-index keys (idempotent). */
  async ensureOrganisationKeys(organisationId: string): Promise<void> {
    for (const purpose of ['data', 'index'] as const) {
      if (!(await this.store.activeKey(organisationId, purpose))) {
        await this.store.addKey(organisationId, purpose, {
          version: 1,
          wrappedKey: wrap(this.masterKey, crypto.randomBytes(32)),
        });
      }
    }
  }

  /** Adds a new data-key version; later encryptions use it, older ciphertexts still decrypt. */
  async rotateDataKey(organisationId: string): Promise<number> {
    const current = await this.store.activeKey(organisationId, 'data');
    const version = (current?.version ?? 0) + 1;
    await this.store.addKey(organisationId, 'data', {
      version,
      wrappedKey: wrap(this.masterKey, crypto.randomBytes(32)),
    });
    this.active.delete(`${organisationId}:data`);
    this.warmedAt.delete(organisationId);
    return version;
  }

  /**
   * Loads every key of the organisation into memory. Call it before a tenant
   * transaction: the embedded engine has one connection, so a key lookup from
   * inside the transaction would wait for the transaction itself.
   */
  async warm(organisationId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.warmedAt.get(organisationId) ?? 0) < ACTIVE_KEY_TTL_MS) return;
    for (const key of await this.store.allVersions(organisationId)) {
      this.versions.set(`${organisationId}:${key.purpose}:${key.version}`, {
        version: key.version,
        wrappedKey: key.wrappedKey,
      });
      if (key.active)
        this.active.set(`${organisationId}:${key.purpose}`, {
          key: { version: key.version, wrappedKey: key.wrappedKey },
          loadedAt: now,
        });
    }
    this.warmedAt.set(organisationId, now);
  }

  private async activeKey(organisationId: string, purpose: 'data' | 'index'): Promise<WrappedKey | undefined> {
    const hit = this.active.get(`${organisationId}:${purpose}`);
    if (hit && Date.now() - hit.loadedAt < ACTIVE_KEY_TTL_MS * 2) return hit.key;
    const key = await this.store.activeKey(organisationId, purpose);
    if (key) this.active.set(`${organisationId}:${purpose}`, { key, loadedAt: Date.now() });
    return key;
  }

  private async keyVersion(
    organisationId: string,
    purpose: 'data' | 'index',
    version: number,
  ): Promise<WrappedKey | undefined> {
    const id = `${organisationId}:${purpose}:${version}`;
    const hit = this.versions.get(id);
    if (hit) return hit;
    const key = await this.store.keyVersion(organisationId, purpose, version);
    if (key) this.versions.set(id, key);
    return key;
  }

  async encrypt(organisationId: string, plaintext: string): Promise<string> {
    const active = await this.activeKey(organisationId, 'data');
    if (!active) throw new Error('No data key for this organisation');
    const key = this.unwrapCached(organisationId, 'data', active);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(organisationId));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      PREFIX,
      String(active.version),
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
  }

  async decrypt(organisationId: string, ciphertext: string): Promise<string> {
    const [prefix, version, iv, tag, ct] = ciphertext.split('.');
    if (prefix !== PREFIX || !ct) throw new Error('Not an encrypted field value');
    const wrapped = await this.keyVersion(organisationId, 'data', Number(version));
    if (!wrapped) throw new Error('Unknown data key version');
    const key = this.unwrapCached(organisationId, 'data', wrapped);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(organisationId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * Encrypts bytes (an attachment's file) under the organisation's active data key, like
   * `encrypt` but binary: `AEB1` | key version (uint32 BE) | iv (12) | tag (16) | ciphertext.
   * The organisation id is bound in as associated data, as for fields.
   */
  async encryptBytes(organisationId: string, plaintext: Buffer): Promise<Buffer> {
    const active = await this.activeKey(organisationId, 'data');
    if (!active) throw new Error('No data key for this organisation');
    const key = this.unwrapCached(organisationId, 'data', active);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(organisationId));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const version = Buffer.alloc(4);
    version.writeUInt32BE(active.version);
    return Buffer.concat([BYTES_MAGIC, version, iv, cipher.getAuthTag(), ct]);
  }

  /** Opens a ciphertext of encryptBytes; throws when it was altered or sealed for another organisation. */
  async decryptBytes(organisationId: string, ciphertext: Buffer): Promise<Buffer> {
    if (ciphertext.length < 36 || !ciphertext.subarray(0, 4).equals(BYTES_MAGIC))
      throw new Error('Not an encrypted file');
    const wrapped = await this.keyVersion(organisationId, 'data', ciphertext.readUInt32BE(4));
    if (!wrapped) throw new Error('Unknown data key version');
    const key = this.unwrapCached(organisationId, 'data', wrapped);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, ciphertext.subarray(8, 20));
    decipher.setAAD(Buffer.from(organisationId));
    decipher.setAuthTag(ciphertext.subarray(20, 36));
    return Buffer.concat([decipher.update(ciphertext.subarray(36)), decipher.final()]);
  }

  /** The key for keyed blind indexes (HMAC) of this organisation. */
  async indexKey(organisationId: string): Promise<Buffer> {
    const active = await this.activeKey(organisationId, 'index');
    if (!active) throw new Error('No index key for this organisation');
    return this.unwrapCached(organisationId, 'index', active);
  }

  /** Whether the master key opens a wrapped key (checked at start for every stored key). */
  static unwraps(masterKey: Buffer, wrappedKey: string): boolean {
    try {
      return unwrap(masterKey, wrappedKey).length === 32;
    } catch {
      return false;
    }
  }

  /** Re-wraps a stored key under a new master key (master-key rotation). */
  static rewrap(oldMaster: Buffer, newMaster: Buffer, wrappedKey: string): string {
    return wrap(newMaster, unwrap(oldMaster, wrappedKey));
  }

  private unwrapCached(organisationId: string, purpose: string, key: WrappedKey): Buffer {
    const id = `${organisationId}:${purpose}:${key.version}`;
    let raw = this.cache.get(id);
    if (!raw) {
      raw = unwrap(this.masterKey, key.wrappedKey);
      this.cache.set(id, raw);
    }
    return raw;
  }
}
