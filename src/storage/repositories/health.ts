/** The database's liveness check for operators. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const healthRepo = {
  /** One round trip to the database; throws when it does not answer. */
  ping: async (db: Kysely<DB>): Promise<void> => {
    await sql`SELECT 1`.execute(db);
  },
};
