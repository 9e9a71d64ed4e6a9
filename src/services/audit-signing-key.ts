/**
 * The audit checkpoint signing key (migration 028): a seed of its own, stored wrapped by the master
 * key, unwrapped at start (createAppContext) or at first use. The first start after migration 028
 * stores the seed: a deployment that already signed checkpoints stores the HKDF derivation it signed
 * them with (so they keep verifying), a new one a random seed. `keys rotate-master` re-wraps it.
 */
import crypto from 'node:crypto';
import type { NoteSigner } from '../domain/audit/checkpoint';
import { auditSignerFromSeed, legacyAuditSeed } from '../security/audit-signing';
import { KeyRing } from '../security/field-encryption';
import { MasterKeyError } from '../security/master-key';
import { withSystem, type Database, type Tx } from '../storage/database';
import { auditSigningKeysRepo, type StoredAuditSigningKey } from '../storage/repositories/audit-signing-keys';

/** What the signing key needs: the database and the key ring holding the master key. */
export interface SigningContext {
  db: Database;
  keyRing: KeyRing;
}

/** One signer per key ring (that is, per master key in use). */
const signers = new WeakMap<KeyRing, Promise<NoteSigner>>();

/**
 * The signer of the audit checkpoints. Call it outside a transaction: on PGlite the one connection
 * would otherwise wait for the caller's own transaction. A master key that does not unwrap the
 * stored seed is refused with MasterKeyError('master_key_mismatch'), never replaced by a new key.
 */
export function auditSigner(ctx: SigningContext): Promise<NoteSigner> {
  let signer = signers.get(ctx.keyRing);
  if (!signer) {
    signer = loadSigner(ctx);
    signers.set(ctx.keyRing, signer);
    // A failure is not remembered: the next call looks again (e.g. after the key was put right).
    signer.catch(() => signers.delete(ctx.keyRing));
  }
  return signer;
}

async function loadSigner(ctx: SigningContext): Promise<NoteSigner> {
  const stored = await withSystem(ctx.db, async (tx) => {
    const active = await auditSigningKeysRepo.active(tx);
    if (active) return active;
    // Never store a seed under a master key that is not this data's: it opens the organisation keys.
    const orgKey = await auditSigningKeysRepo.anyOrganisationKey(tx);
    if (orgKey !== undefined && !opens(ctx.keyRing, orgKey))
      throw mismatch('The master key does not unwrap the organisation keys', {});
    // First start after migration 028. Checkpoints already stored were signed with the seed derived
    // from the master key: keep exactly that seed. A log that never signed one gets a random seed.
    const derived = await auditSigningKeysRepo.anyCheckpoint(tx);
    const seed = derived ? legacyAuditSeed(ctx.keyRing) : crypto.randomBytes(32);
    await auditSigningKeysRepo.insertFirst(tx, {
      wrappedSeed: ctx.keyRing.wrapSecret(seed),
      publicKey: auditSignerFromSeed(seed).vkey,
      origin: derived ? 'derived' : 'generated',
    });
    // Another process may have stored its key first: the stored one is the key.
    return auditSigningKeysRepo.active(tx);
  });
  if (!stored) throw new Error('no audit signing key could be stored');
  return unwrapSigner(ctx.keyRing, stored);
}

function opens(keyRing: KeyRing, wrapped: string): boolean {
  try {
    keyRing.unwrapSecret(wrapped);
    return true;
  } catch {
    return false;
  }
}

const mismatch = (what: string, details: Record<string, unknown>) =>
  new MasterKeyError(
    'master_key_mismatch',
    `${what}: it is not the key this data was encrypted with. Refusing to sign or verify audit checkpoints; nothing was changed. ` +
      'Set ARIADNE_MASTER_KEY (or the master.key file in the data directory) to the key of this data.',
    details,
  );

function unwrapSigner(keyRing: KeyRing, stored: StoredAuditSigningKey): NoteSigner {
  let seed: Buffer;
  try {
    seed = keyRing.unwrapSecret(stored.wrappedSeed);
  } catch {
    throw mismatch("The master key does not unwrap the audit log's checkpoint signing key", {
      auditSigningKey: stored.version,
    });
  }
  const signer = auditSignerFromSeed(seed);
  if (signer.vkey !== stored.publicKey) {
    throw new Error(
      `audit signing key ${stored.version}: its seed does not match its stored public key ${stored.publicKey}`,
    );
  }
  return signer;
}

/** Re-wraps the signing seed under a new master key, inside the caller's transaction (keys rotate-master). */
export async function rewrapAuditSigningKeys(tx: Tx, oldMaster: Buffer, newMaster: Buffer): Promise<number> {
  const keys = await auditSigningKeysRepo.all(tx);
  for (const k of keys)
    await auditSigningKeysRepo.setWrapped(tx, k.version, KeyRing.rewrap(oldMaster, newMaster, k.wrappedSeed));
  return keys.length;
}
