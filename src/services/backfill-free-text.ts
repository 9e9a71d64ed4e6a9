/**
 * Encrypts the free text that deployments stored in clear before migration 021: secret fields
 * of case records (every version, current or retired), the intake municipality and the reason
 * of owner hand-overs; and the reason of referrals declined before migration 027, sealed for both
 * organisations the referral names. Idempotent: a row already sealed is not found again. It runs at start-up
 * after the migrations and records the rule it applied, so later start-ups cost one lookup
 * until SECRET_FIELDS changes; `ariadne keys encrypt-free-text` runs it again in full.
 */
import crypto from 'node:crypto';
import { SECRET_FIELDS } from '../domain/cases/entries';
import { jsonPathOf } from '../domain/cases/entry-secrets';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { freeTextBackfillRepo as repo } from '../storage/repositories/free-text-backfill';
import type { AppContext } from './context';
import { openEntry, sealEntry } from './entry-secrets';

export const FREE_TEXT_BACKFILL = 'free_text_encrypted';

/** Event kinds whose clear data once carried free text, and those fields. */
const EVENT_FREE_TEXT: Record<string, string[]> = { 'case.owner_changed': ['reason'] };

const fingerprint = () =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify({ SECRET_FIELDS, EVENT_FREE_TEXT, intake: ['municipality'], referrals: ['decline_reason'] }))
    .digest('hex');

export interface BackfillResult {
  /** True when an earlier run with the same rule had finished, so nothing was looked at. */
  skipped: boolean;
  entries: number;
  intakes: number;
  events: number;
  /** Referrals whose clear decline reason was sealed. */
  declineReasons: number;
}

/** Runs `step` on batches until none is left; a row coming back means it could not be sealed. */
async function inBatches<R>(
  fetch: () => Promise<R[]>,
  keyOf: (r: R) => string,
  step: (rows: R[]) => Promise<void>,
  batchSize: number,
): Promise<number> {
  const done = new Set<string>();
  for (;;) {
    const rows = await fetch();
    if (rows.length === 0) return done.size;
    for (const r of rows) {
      // Ids only: the row's content is exactly what must not reach a log.
      if (done.has(keyOf(r))) throw new Error(`Free-text backfill made no progress on row ${keyOf(r)}`);
      done.add(keyOf(r));
    }
    await step(rows);
    if (rows.length < batchSize) return done.size;
  }
}

export async function backfillFreeText(
  ctx: AppContext,
  opts: { force?: boolean; batchSize?: number } = {},
): Promise<BackfillResult> {
  const rule = fingerprint();
  if (!opts.force && (await repo.completed(ctx.db.system, FREE_TEXT_BACKFILL))?.fingerprint === rule)
    return { skipped: true, entries: 0, intakes: 0, events: 0, declineReasons: 0 };
  const batchSize = opts.batchSize ?? 500;
  const touched = new Set<string>();
  // Keys are loaded before each write transaction: the embedded engine has a single connection.
  const warm = async (orgs: string[]) => {
    for (const o of new Set(orgs)) {
      touched.add(o);
      await ctx.keyRing.warm(o);
    }
  };

  const paths = Object.fromEntries(
    Object.entries(SECRET_FIELDS).map(([kind, fields]) => [kind, (fields ?? []).map(jsonPathOf)]),
  );
  const entries = await inBatches(
    () => repo.clearEntries(ctx.db.system, paths, batchSize),
    (r) => `${r.id}/${r.version}`,
    async (rows) => {
      await warm(rows.map((r) => r.organisationId));
      const sealed = await Promise.all(
        rows.map(async (r) => {
          const whole = (await openEntry(ctx, r.organisationId, r)).data;
          const { clear, secretEnc } = await sealEntry(ctx, r.organisationId, r.kind, whole);
          return { ...r, data: clear, secretEnc };
        }),
      );
      await withSystem(ctx.db, async (tx) => {
        for (const r of sealed) await repo.setEntry(tx, r);
      });
    },
    batchSize,
  );

  const intakes = await inBatches(
    () => repo.clearMunicipalities(ctx.db.system, batchSize),
    (r) => r.caseId,
    async (rows) => {
      await warm(rows.map((r) => r.organisationId));
      const sealed = await Promise.all(
        rows.map(async (r) => ({
          ...r,
          municipalityEnc: r.municipality ? await ctx.keyRing.encrypt(r.organisationId, r.municipality) : null,
        })),
      );
      await withSystem(ctx.db, async (tx) => {
        for (const r of sealed) await repo.setMunicipality(tx, r.organisationId, r.caseId, r.municipalityEnc);
      });
    },
    batchSize,
  );

  const events = await inBatches(
    () => repo.clearEvents(ctx.db.system, EVENT_FREE_TEXT, batchSize),
    (r) => r.id,
    async (rows) => {
      await warm(rows.map((r) => r.organisationId));
      const sealed = await Promise.all(
        rows.map(async (r) => {
          const fields = Object.values(EVENT_FREE_TEXT).flat();
          const earlier = r.secretEnc
            ? (JSON.parse(await ctx.keyRing.decrypt(r.organisationId, r.secretEnc)) as Record<string, unknown>)
            : {};
          const secrets = {
            ...earlier,
            ...Object.fromEntries(Object.entries(r.data).filter(([k]) => fields.includes(k))),
          };
          const data = Object.fromEntries(Object.entries(r.data).filter(([k]) => !fields.includes(k)));
          return { ...r, data, secretEnc: await ctx.keyRing.encrypt(r.organisationId, JSON.stringify(secrets)) };
        }),
      );
      await withSystem(ctx.db, async (tx) => {
        for (const r of sealed) await repo.setEvent(tx, r);
      });
    },
    batchSize,
  );

  // A referral names two organisations and each reads the reason under its own key.
  const declineReasons = await inBatches(
    () => repo.clearDeclineReasons(ctx.db.system, batchSize),
    (r) => r.id,
    async (rows) => {
      await warm(rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]));
      const sealed = await Promise.all(
        rows.map(async (r) => ({
          id: r.id,
          fromEnc: await ctx.keyRing.encrypt(r.fromOrganisationId, r.declineReason ?? ''),
          toEnc: await ctx.keyRing.encrypt(r.toOrganisationId, r.declineReason ?? ''),
        })),
      );
      await withSystem(ctx.db, async (tx) => {
        for (const r of sealed) await repo.setDeclineReason(tx, r);
      });
    },
    batchSize,
  );

  await withSystem(ctx.db, async (tx) => {
    // Each organisation's trail records that its stored free text was sealed (counts and names, no values).
    for (const organisationId of touched) {
      await auditRepo.append(tx, {
        organisationId,
        actorUserId: null,
        action: 'keys.encrypt_free_text',
        entityType: 'organisation',
        entityId: organisationId,
        fields: ['case_entries', 'case_intakes.municipality', 'case_events', 'referrals.decline_reason'],
      });
    }
    await repo.markCompleted(tx, FREE_TEXT_BACKFILL, rule);
  });
  return { skipped: false, entries, intakes, events, declineReasons };
}
