/** A fingerprint of every persistent table, to prove a rejected request changed nothing. */
import { sql } from 'kysely';
import type { Database } from '../../../src/storage/database';

const TABLES = ['organisations', 'organisation_keys', 'users', 'memberships', 'audit_log', 'reference_items', 'persons', 'cases', 'case_intakes', 'case_entries', 'case_events', 'estimates', 'linkage_secrets', 'linkage_encodings', 'linkage_matches', 'networks', 'network_memberships', 'referrals', 'referral_notes', 'directory_entries'];

export async function fingerprint(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const row = await sql<{ f: string | null }>`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS f FROM ${sql.table(table)} t`.execute(db.kysely);
    out[table] = row.rows[0]?.f ?? '';
  }
  return out;
}
