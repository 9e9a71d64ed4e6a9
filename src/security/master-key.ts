/**
 * Finds the master key: from configuration in production, or from a generated
 * key file (mode 0600) in the data folder for development and demos.
 *
 * A key is generated only for a database that holds no organisation yet: a new key can
 * decrypt nothing already stored, so generating one next to existing data (a restore without
 * its key, a wrong ARIADNE_DATA_DIR) would start a server that answers 500 to every case.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseMasterKey } from './field-encryption';

export const MASTER_KEY_FILE = 'master.key';

/** A start refused because of the master key; the CLI prints its code, never a key. */
export class MasterKeyError extends Error {
  constructor(
    readonly code: 'master_key_missing' | 'master_key_mismatch' | 'master_key_file_mode',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** The key file's absolute path inside the data folder, whatever the working directory. */
export function masterKeyFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), MASTER_KEY_FILE);
}

export interface LoadMasterKeyOptions {
  masterKey?: string;
  dataDir: string;
  allowKeyFile: boolean;
  /** Only for a database without organisations: otherwise a missing key is an error, never a new key. */
  mayGenerate?: boolean;
  /** Organisations already stored, for the message when the key is missing. */
  organisations?: number;
}

export function loadMasterKey(opts: LoadMasterKeyOptions): Buffer {
  if (opts.masterKey) return parseMasterKey(opts.masterKey);
  if (!opts.allowKeyFile) throw new MasterKeyError('master_key_missing', 'ARIADNE_MASTER_KEY is required');
  const file = masterKeyFile(opts.dataDir);
  if (!fs.existsSync(file)) {
    if (!opts.mayGenerate) {
      throw new MasterKeyError(
        'master_key_missing',
        `No master key: ARIADNE_MASTER_KEY is not set and ${file} does not exist, but the database already holds ` +
          `${opts.organisations ?? 'the'} organisation${opts.organisations === 1 ? '' : 's'}' encrypted data. A new key could decrypt none of it, so none is generated. ` +
          'Put back the master.key that belongs to this data (mode 0600) or set ARIADNE_MASTER_KEY.',
        { keyFile: file, organisations: opts.organisations },
      );
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new MasterKeyError('master_key_file_mode', `${file} must not be readable by others (chmod 600)`, {
      keyFile: file,
    });
  return parseMasterKey(fs.readFileSync(file, 'utf8').trim());
}
