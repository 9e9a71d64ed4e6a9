/** The one-off encryption of referral notes stored in clear before migration 017. */
import { withSystem } from '../storage/database';
import { referralsRepo } from '../storage/repositories/referrals';
import type { AppContext } from './context';

/**
 * Encrypts referral notes written in clear before migration 017, in place, under their
 * writer's key. Idempotent (only rows still in clear are touched, each at most once) and
 * run at start-up after migrating; returns how many were sealed.
 */
export async function backfillReferralNotes(ctx: Pick<AppContext, 'db' | 'keyRing'>, batch = 500): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await withSystem(ctx.db, (tx) => referralsRepo.clearNotes(tx, batch));
    if (rows.length === 0) return sealed;
    const sealedRows: { organisationId: string; id: string; dataEnc: string }[] = [];
    // Keys first, outside the transaction (the embedded engine has one connection).
    for (const r of rows)
      sealedRows.push({ ...r, dataEnc: await ctx.keyRing.encrypt(r.organisationId, JSON.stringify(r.data ?? {})) });
    await withSystem(ctx.db, async (tx) => {
      for (const r of sealedRows) await referralsRepo.sealNote(tx, r.organisationId, r.id, r.dataEnc);
    });
    sealed += rows.length;
  }
}
