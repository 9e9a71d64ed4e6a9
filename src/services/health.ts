/** Liveness and readiness: whether the database answers, and which engine it is. */
import { healthRepo } from '../storage/repositories/health';
import type { AppContext } from './context';

export async function databaseHealth(ctx: AppContext): Promise<{ ok: boolean; engine: string }> {
  await healthRepo.ping(ctx.db.system);
  return { ok: true, engine: ctx.db.engine };
}
