/**
 * "Never twice": a create request carrying an Idempotency-Key is done once per user and key.
 *
 * - The first request claims the key in its own short transaction (INSERT … ON CONFLICT DO
 *   NOTHING), so concurrent duplicates see the claim at once, whichever engine.
 * - A duplicate of a request in progress waits (polling, bounded) for it to finish, then gets the
 *   same status and body replayed; past the bound it is told to try again (409).
 * - The same key for a different request (method, route, URL or body) is refused (422).
 * - A first request that fails (4xx/5xx) releases the key: nothing was created, so the corrected
 *   retry of the same form (which keeps its key until a success) may succeed. Replaying the error
 *   instead would pin the form to its first mistake for 24 hours.
 * - Responses may hold personal data: they are stored encrypted under the organisation's data key.
 * - Keys expire after 24 hours (the scheduled job "idempotency.purge").
 *
 * No policy check: the key belongs to the authenticated user herself, and the request it guards
 * goes through its own route's checks the first time; a replay only repeats her own answer.
 */
import crypto from 'node:crypto';
import { withSystem, withTenant } from '../storage/database';
import { idempotencyKeysRepo, type IdempotencyKeyId } from '../storage/repositories/idempotency-keys';
import { errors } from '../errors';
import type { AppContext } from './context';

export type { IdempotencyKeyId };

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotentRequest {
  method: string;
  /** The route pattern, e.g. /api/cases/:caseId/entries. */
  route: string;
  /** The concrete URL and the validated body: what makes two requests "the same". */
  url: string;
  body: unknown;
}

export interface StoredResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

export type Begin = { kind: 'first' } | ({ kind: 'replay' } & StoredResponse);

export interface WaitOptions {
  /** How long a duplicate waits for the first request to finish (ms). */
  waitMs?: number;
  pollMs?: number;
}

/** Canonical JSON (sorted keys), so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export function requestHash(request: IdempotentRequest): string {
  return crypto
    .createHash('sha256')
    .update(canonical({ method: request.method, url: request.url, body: request.body }))
    .digest('hex');
}

export function validKey(key: unknown): key is string {
  return typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tenantOf = (id: IdempotencyKeyId) => ({ organisationId: id.organisationId, userId: id.userId });

/**
 * Claims the key for this request, or answers the first request's stored response. Throws
 * idempotency_key_reused for a different request, idempotency_in_progress past the wait.
 */
export async function beginIdempotent(
  ctx: AppContext,
  id: IdempotencyKeyId,
  request: IdempotentRequest,
  options: WaitOptions = {},
): Promise<Begin> {
  if (!validKey(id.key)) throw errors.idempotencyKeyInvalid();
  const hash = requestHash(request);
  const claim = { method: request.method, route: request.route, requestHash: hash };
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    if (await withTenant(ctx.db, tenantOf(id), (tx) => idempotencyKeysRepo.claim(tx, id, claim)))
      return { kind: 'first' };
    const row = await withTenant(ctx.db, tenantOf(id), (tx) => idempotencyKeysRepo.find(tx, id));
    // Released between the two statements (the first request failed): claim it afresh.
    if (!row) continue;
    if (row.method !== claim.method || row.route !== claim.route || row.requestHash !== hash)
      throw errors.idempotencyKeyReused();
    if (row.state === 'completed' && row.responseEnc && row.statusCode) {
      await ctx.keyRing.warm(id.organisationId);
      const stored = JSON.parse(await ctx.keyRing.decrypt(id.organisationId, row.responseEnc)) as {
        contentType: string;
        body: string;
      };
      return { kind: 'replay', statusCode: row.statusCode, contentType: stored.contentType, body: stored.body };
    }
    if (Date.now() >= deadline) throw errors.idempotencyInProgress();
    await sleep(options.pollMs ?? 25);
  }
}

/** The first request's answer: stored (encrypted) for replay when it succeeded, the key released when not. */
export async function finishIdempotent(ctx: AppContext, id: IdempotencyKeyId, response: StoredResponse): Promise<void> {
  if (response.statusCode >= 400) {
    await withTenant(ctx.db, tenantOf(id), (tx) => idempotencyKeysRepo.release(tx, id));
    return;
  }
  await ctx.keyRing.warm(id.organisationId);
  const enc = await ctx.keyRing.encrypt(
    id.organisationId,
    JSON.stringify({ contentType: response.contentType, body: response.body }),
  );
  await withTenant(ctx.db, tenantOf(id), (tx) => idempotencyKeysRepo.complete(tx, id, response.statusCode, enc));
}

/** A first request that cannot be replayed (its answer was not a text body): the key is released. */
export async function releaseIdempotent(ctx: AppContext, id: IdempotencyKeyId): Promise<void> {
  await withTenant(ctx.db, tenantOf(id), (tx) => idempotencyKeysRepo.release(tx, id));
}

/** The scheduled purge: keys older than 24 hours, in every organisation. */
export async function purgeIdempotencyKeys(ctx: AppContext, now: Date = new Date()): Promise<{ purged: number }> {
  const before = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3600_000);
  return { purged: await withSystem(ctx.db, (tx) => idempotencyKeysRepo.purgeOlderThan(tx, before)) };
}
