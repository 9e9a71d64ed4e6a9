/**
 * Every column that holds field-encrypted data. Key rotation re-encrypts
 * exactly these; a new encrypted column must be listed here.
 */
export interface EncryptedColumn {
  table: string;
  keyColumn: string;
  column: string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', keyColumn: 'id', column: 'totp_secret_enc' },
];
