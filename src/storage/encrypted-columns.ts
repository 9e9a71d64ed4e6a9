/**
 * Every column that holds field-encrypted data. Key rotation re-encrypts
 * exactly these; a new encrypted column must be listed here.
 */
export interface EncryptedColumn {
  table: string;
  /** Columns that identify one row (with organisation_id). */
  keyColumns: string[];
  column: string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', keyColumns: ['id'], column: 'totp_secret_enc' },
  { table: 'persons', keyColumns: ['id'], column: 'identity_enc' },
  { table: 'case_entries', keyColumns: ['id', 'version'], column: 'secret_enc' },
  { table: 'linkage_secrets', keyColumns: ['organisation_id'], column: 'secret_enc' },
  { table: 'case_intakes', keyColumns: ['case_id'], column: 'municipality_enc' },
  { table: 'case_events', keyColumns: ['id'], column: 'secret_enc' },
  { table: 'referral_notes', keyColumns: ['id'], column: 'data_enc' },
];
