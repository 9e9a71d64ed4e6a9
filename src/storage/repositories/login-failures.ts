/**
 * Failed logins for emails that have no account. They belong to no organisation, so
 * no audit chain can hold them; a daily count (no email, no address) is kept instead.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const loginFailuresRepo = {
  countUnknown: (db: Kysely<DB>, now: Date) =>
    db
      .insertInto('login_failures_unknown')
      .values({ day: now.toISOString().slice(0, 10), attempts: 1 })
      .onConflict((oc) => oc.column('day').doUpdateSet({ attempts: sql`login_failures_unknown.attempts + 1` }))
      .execute(),

  /** Per UTC day, newest first. */
  recent: (db: Kysely<DB>, days: number) =>
    db.selectFrom('login_failures_unknown').select(['day', 'attempts']).orderBy('day', 'desc').limit(days).execute(),
};
