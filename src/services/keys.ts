/** Key rotation: a new data key per organisation (re-encrypting its fields) and master-key re-wrapping. */
import { KeyRing } from '../security/field-encryption';
import { withSystem } from '../storage/database';
import { ENCRYPTED_COLUMNS, SHARED_ENCRYPTED_COLUMNS } from '../storage/encrypted-columns';
import { auditRepo } from '../storage/repositories/audit';
import { encryptedValuesRepo } from '../storage/repositories/encrypted-values';
import { keyStore, keysRepo, type StoredKeys } from '../storage/repositories/keys';
import { MasterKeyError } from '../security/master-key';
import { auditSigner, rewrapAuditSigningKeys } from './audit-signing-key';
import type { AppContext } from './context';

/** Rotates the organisation's data key and re-encrypts every encrypted field with it. Returns the count re-encrypted. */
export async function rotateOrganisationDataKey(
  ctx: AppContext,
  organisationId: string,
  onProgress?: (done: number) => void,
) {
  const version = await ctx.keyRing.rotateDataKey(organisationId);
  let reencrypted = 0;
  // The rotating organisation's own rows, and its side of the rows it shares: the snapshots it
  // received and its copies of decline reasons (the referral's other organisation keeps its own).
  for (const col of [...ENCRYPTED_COLUMNS, ...SHARED_ENCRYPTED_COLUMNS]) {
    for (const row of await encryptedValuesRepo.sealedBy(ctx.db.system, col, organisationId)) {
      const fresh = await ctx.keyRing.encrypt(organisationId, await ctx.keyRing.decrypt(organisationId, row.value));
      await encryptedValuesRepo.replace(ctx.db.system, col, organisationId, row.key, fresh);
      reencrypted += 1;
      onProgress?.(reencrypted);
    }
  }
  await withSystem(ctx.db, (tx) =>
    auditRepo.append(tx, {
      organisationId,
      actorUserId: null,
      action: 'keys.rotate_data_key',
      entityType: 'organisation',
      entityId: organisationId,
    }),
  );
  return { version, reencrypted };
}

/**
 * Re-wraps every organisation key and the audit signing seed under a new master key, in one
 * transaction (the data itself is untouched; the audit public key stays the same). Returns the count.
 */
export async function rewrapAllKeys(ctx: AppContext, oldMaster: Buffer, newMaster: Buffer): Promise<number> {
  // A deployment from before migration 028 stores its signing seed first (under the old key, from
  // which it was derived): re-wrapped with the rest, its checkpoints keep verifying afterwards.
  await auditSigner({ db: ctx.db, keyRing: new KeyRing(oldMaster, keyStore(ctx.db.system)) });
  return withSystem(ctx.db, async (tx) => {
    const keys = await keysRepo.all(tx);
    for (const k of keys) {
      await keysRepo.setWrapped(
        tx,
        k.organisation_id,
        k.purpose,
        k.version,
        KeyRing.rewrap(oldMaster, newMaster, k.wrapped_key),
      );
    }
    return keys.length + (await rewrapAuditSigningKeys(tx, oldMaster, newMaster));
  });
}

/**
 * Refuses a master key that does not unwrap every stored organisation key. Checked at every
 * start, before migrations or anything else writes: a wrong key would otherwise start "healthy",
 * answer 500 to every case and sign audit checkpoints no verifier accepts.
 */
export function assertMasterKeyOpens(masterKey: Buffer, stored: StoredKeys): void {
  const failing = [
    ...new Set(stored.keys.filter((k) => !KeyRing.unwraps(masterKey, k.wrappedKey)).map((k) => k.slug)),
  ].sort();
  if (failing.length === 0) return;
  const all = new Set(stored.keys.map((k) => k.slug)).size;
  throw new MasterKeyError(
    'master_key_mismatch',
    `The master key does not unwrap the data keys of ${failing.length} of ${all} organisations (${failing.join(', ')}): ` +
      'it is not the key this data was encrypted with. Refusing to start; nothing was changed. ' +
      'Set ARIADNE_MASTER_KEY (or the master.key file in the data directory) to the key of this data.',
    { organisations: failing },
  );
}
