/**
 * Finds the master key: from configuration in production, or from a generated
 * key file (mode 0600) in the data folder for development and demos.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseMasterKey } from './field-encryption';

export function loadMasterKey(opts: { masterKey?: string; dataDir: string; allowKeyFile: boolean }): Buffer {
  if (opts.masterKey) return parseMasterKey(opts.masterKey);
  if (!opts.allowKeyFile) throw new Error('ARIADNE_MASTER_KEY is required');
  const file = path.join(opts.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) throw new Error(`${file} must not be readable by others (chmod 600)`);
  return parseMasterKey(fs.readFileSync(file, 'utf8').trim());
}
