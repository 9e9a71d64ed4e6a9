/** The dashboard's counts (migration 035's current risk level; referrals addressed to the organisation). Counts only. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

const OPEN_EXCLUDED = ['closed', 'paused'];

export const dashboardRepo = {
  /** Her open cases, and how many of them are currently assessed at one of `highLevels` (high and above). */
  openCaseCounts: async (
    db: Kysely<DB>,
    organisationId: string,
    ownerUserId: string,
    highLevels: string[],
  ): Promise<{ open: number; highRisk: number }> => {
    const row = await db
      .selectFrom('cases')
      .select((eb) => [
        eb.fn.countAll<string>().as('open'),
        highLevels.length
          ? eb.fn.count<string>('id').filterWhere('current_risk_level', 'in', highLevels).as('high')
          : eb.val('0').as('high'),
      ])
      .where('organisation_id', '=', organisationId)
      .where('owner_user_id', '=', ownerUserId)
      .where('status', 'not in', OPEN_EXCLUDED)
      .executeTakeFirstOrThrow();
    return { open: Number(row.open), highRisk: Number(row.high) };
  },

  /** Referrals and transfers sent to the organisation that still wait for its answer. */
  referralsWaiting: async (db: Kysely<DB>, organisationId: string): Promise<number> => {
    const row = await db
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('to_organisation_id', '=', organisationId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
