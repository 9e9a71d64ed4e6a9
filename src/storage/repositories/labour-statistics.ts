/**
 * What labour-market statistics read about employers (migration 045): territories and counts only,
 * never a name, a contact or a person placed. Rows of partners are visible only when shared (RLS).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const labourStatisticsRepo = {
  /** The current organisation's own employers: id → territory, to place engaged employers. */
  async ownEmployerTerritories(db: Kysely<DB>, organisationId: string): Promise<Map<string, string>> {
    const rows = await sql<{ id: string; territory: string }>`
      SELECT id, territory FROM employers WHERE organisation_id = ${organisationId}`.execute(db);
    return new Map(rows.rows.map((r) => [r.id, r.territory]));
  },

  /** Employers shared with the networks (own and partners', as RLS shows them), counted per territory in SQL. */
  async sharedEmployersPerTerritory(db: Kysely<DB>): Promise<{ territory: string; employers: number }[]> {
    const rows = await sql<{ territory: string; employers: string | number }>`
      SELECT territory, count(*) AS employers FROM employers
      WHERE shared_with_networks AND retired_at IS NULL
      GROUP BY territory ORDER BY territory`.execute(db);
    return rows.rows.map((r) => ({ territory: r.territory, employers: Number(r.employers) }));
  },
};
