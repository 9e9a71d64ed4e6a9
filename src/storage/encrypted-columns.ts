/**
 * Every column that holds field-encrypted data. Key rotation re-encrypts
 * exactly these; a new encrypted column must be listed here (a column of a row
 * without organisation_id in SHARED_ENCRYPTED_COLUMNS below).
 */
export interface EncryptedColumn {
  table: string;
  /** Columns that identify one row (with organisation_id). */
  keyColumns: string[];
  column: string;
  /** The column naming the organisation whose key seals the value (default organisation_id). */
  organisationColumn?: string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', keyColumns: ['id'], column: 'totp_secret_enc' },
  { table: 'persons', keyColumns: ['id'], column: 'identity_enc' },
  { table: 'case_entries', keyColumns: ['id', 'version'], column: 'secret_enc' },
  { table: 'case_entries', keyColumns: ['id', 'version'], column: 'reason_enc' },
  { table: 'linkage_secrets', keyColumns: ['organisation_id'], column: 'secret_enc' },
  { table: 'case_intakes', keyColumns: ['case_id'], column: 'municipality_enc' },
  { table: 'case_events', keyColumns: ['id'], column: 'secret_enc' },
  { table: 'referral_notes', keyColumns: ['id'], column: 'data_enc' },
  { table: 'sync_conflicts', keyColumns: ['id'], column: 'base_enc' },
  { table: 'sync_conflicts', keyColumns: ['id'], column: 'mine_enc' },
  { table: 'sync_conflicts', keyColumns: ['id'], column: 'theirs_enc' },
  { table: 'sync_conflicts', keyColumns: ['id'], column: 'resolution_enc' },
  { table: 'employers', keyColumns: ['id'], column: 'notes_enc' },
  { table: 'contacts', keyColumns: ['id'], column: 'nickname_enc' },
  { table: 'contacts', keyColumns: ['id'], column: 'note_enc' },
  { table: 'contacts', keyColumns: ['id'], column: 'void_reason_enc' },
];

/**
 * Encrypted columns of rows shared by the two organisations a referral names (no organisation_id):
 * each value is sealed under the key of the organisation in `organisationColumn`. Key rotation
 * re-encrypts these too, for the rows where the rotating organisation is that one.
 */
export const SHARED_ENCRYPTED_COLUMNS: (EncryptedColumn & { organisationColumn: string })[] = [
  { table: 'referrals', keyColumns: ['id'], column: 'snapshot_enc', organisationColumn: 'to_organisation_id' },
  { table: 'referrals', keyColumns: ['id'], column: 'decline_reason_to_enc', organisationColumn: 'to_organisation_id' },
  {
    table: 'referrals',
    keyColumns: ['id'],
    column: 'decline_reason_from_enc',
    organisationColumn: 'from_organisation_id',
  },
  { table: 'referrals', keyColumns: ['id'], column: 'message_to_enc', organisationColumn: 'to_organisation_id' },
  { table: 'referrals', keyColumns: ['id'], column: 'message_from_enc', organisationColumn: 'from_organisation_id' },
  // A hotline hand-off: her nickname and note, only with her agreement, sealed for the receiving post.
  { table: 'contact_handoffs', keyColumns: ['id'], column: 'identity_enc', organisationColumn: 'to_organisation_id' },
];
