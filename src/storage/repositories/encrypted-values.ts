/**
 * Reads and rewrites the ciphertexts of one encrypted column (see ../encrypted-columns.ts),
 * addressed by the organisation whose key seals them and by each row's key columns.
 * Used by data-key rotation; it never sees a clear value.
 */
import { sql, type Kysely } from 'kysely';
import type { EncryptedColumn } from '../encrypted-columns';
import type { DB } from '../schema';

/** One stored ciphertext and the key columns of its row, read back as text. */
export interface StoredCiphertext {
  key: string[];
  value: string;
}

const ownerOf = (col: EncryptedColumn) => sql.ref(col.organisationColumn ?? 'organisation_id');

export const encryptedValuesRepo = {
  /** Every ciphertext of this column sealed under the organisation's key. */
  async sealedBy(db: Kysely<DB>, col: EncryptedColumn, organisationId: string): Promise<StoredCiphertext[]> {
    const keyExpr = sql.join(col.keyColumns.map((c) => sql`${sql.ref(c)}::text`));
    const rows = await sql<StoredCiphertext>`
      SELECT json_build_array(${keyExpr}) AS key, ${sql.ref(col.column)} AS value FROM ${sql.table(col.table)}
      WHERE ${ownerOf(col)} = ${organisationId} AND ${sql.ref(col.column)} IS NOT NULL`.execute(db);
    return rows.rows;
  },

  /** Replaces one row's ciphertext (the row found by its key columns). */
  async replace(
    db: Kysely<DB>,
    col: EncryptedColumn,
    organisationId: string,
    key: readonly string[],
    value: string,
  ): Promise<void> {
    const match = sql.join(
      col.keyColumns.map((c, i) => sql`${sql.ref(c)}::text = ${String(key[i])}`),
      sql` AND `,
    );
    await sql`UPDATE ${sql.table(col.table)} SET ${sql.ref(col.column)} = ${value} WHERE ${ownerOf(col)} = ${organisationId} AND ${match}`.execute(
      db,
    );
  },
};
