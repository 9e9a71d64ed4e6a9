/**
 * The scheduled session purge (job "sessions.purge", every 15 minutes on servers with
 * ARIADNE_JOBS=on): sessions past their absolute lifetime or idle beyond the idle timeout are
 * deleted even when nobody logs in (logins purge too). A system job: it runs for no actor.
 */
import { withSystem } from '../storage/database';
import { sessionsRepo } from '../storage/repositories/sessions';
import type { AppContext } from './context';

/** Deletes expired and idle sessions as of `now`; answers how many. */
export async function purgeExpiredSessions(ctx: AppContext, now: Date = new Date()): Promise<{ purged: number }> {
  const idleSince = new Date(now.getTime() - Math.round((ctx.config.sessionIdleMinutes ?? 30) * 60_000));
  return { purged: await withSystem(ctx.db, (tx) => sessionsRepo.deleteExpired(tx, now, idleSince)) };
}
