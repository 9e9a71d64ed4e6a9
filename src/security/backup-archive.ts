/**
 * The encrypted backup archive: AES-256-GCM under a key derived from the master key.
 *
 * Why the master key and not a passphrase: a restored database is unreadable without the master
 * key anyway (it wraps every organisation's data key), so the archive adds no second secret to
 * keep, lose or choose weakly. The key itself is never in the archive: it travels separately.
 *
 * Layout: `ARIADNE-BACKUP-1\n`, a 4-byte big-endian header length, the JSON header, then the
 * gzip'd payload encrypted, then the 16-byte GCM tag. The header (engine, content type, salt,
 * nonce, the key's fingerprint) is authenticated as associated data, so it cannot be altered.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';

const MAGIC = Buffer.from('ARIADNE-BACKUP-1\n');

/** HKDF info of the archive secret: KeyRing.deriveSecret(BACKUP_SECRET_INFO) in a running context. */
export const BACKUP_SECRET_INFO = 'ariadne backup archive v1';

/** The same secret from the bare master key, for a restore into an empty folder (no key ring yet). */
export function backupSecret(masterKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), BACKUP_SECRET_INFO, 32));
}

export type BackupContent = 'pglite-datadir-tar' | 'pg_dump-custom';

export interface BackupHeader {
  engine: 'pglite' | 'postgres';
  content: BackupContent;
  createdAt: string;
  /** Migrations applied in the backed-up database: a restore by an older version can refuse. */
  schemaVersion: number;
  organisations: number;
  kdf: 'hkdf-sha256';
  salt: string;
  iv: string;
  /** Identifies the master key the archive needs, without revealing it (HKDF, 8 bytes). */
  keyFingerprint: string;
}

/** A file that is not an archive, or whose archive does not decrypt: the CLI prints the code. */
export class BackupArchiveError extends Error {
  constructor(
    readonly code: 'not_a_backup' | 'backup_wrong_key' | 'backup_corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'BackupArchiveError';
  }
}

/** Public, so a restore can say "made with another master key" rather than "corrupt". */
export function secretFingerprint(secret: Buffer): string {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'fingerprint', 8)).toString('hex');
}

/** A fresh key per archive (random salt), so no two archives share a GCM key and nonce. */
function archiveKey(secret: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, salt, 'archive', 32));
}

function headerBytes(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** secret: backupSecret(masterKey), or KeyRing.deriveSecret(BACKUP_SECRET_INFO). */
export function sealBackup(
  secret: Buffer,
  meta: Omit<BackupHeader, 'kdf' | 'salt' | 'iv' | 'keyFingerprint'>,
  payload: Buffer,
): Buffer {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const header = headerBytes({
    ...meta,
    kdf: 'hkdf-sha256',
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    keyFingerprint: secretFingerprint(secret),
  });
  const cipher = crypto.createCipheriv('aes-256-gcm', archiveKey(secret, salt), iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zlib.gzipSync(payload)), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Reads the header without any key (to check the engine before asking for more). */
export function readBackupHeader(archive: Buffer): { header: BackupHeader; headerLength: number } {
  if (archive.length < MAGIC.length + 4 || !archive.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupArchiveError('not_a_backup', 'This file is not an Ariadne backup archive');
  }
  const length = archive.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  try {
    return {
      header: JSON.parse(archive.subarray(start, start + length).toString('utf8')) as BackupHeader,
      headerLength: start + length,
    };
  } catch {
    throw new BackupArchiveError('not_a_backup', 'This file is not an Ariadne backup archive (unreadable header)');
  }
}

/** Decrypts and authenticates the whole archive before anything is restored from it. */
export function openBackup(secret: Buffer, archive: Buffer): { header: BackupHeader; payload: Buffer } {
  const { header, headerLength } = readBackupHeader(archive);
  if (header.keyFingerprint !== secretFingerprint(secret)) {
    throw new BackupArchiveError(
      'backup_wrong_key',
      'This archive was made with another master key: set ARIADNE_MASTER_KEY (or the master.key file in the data directory) to the key of the backed-up installation',
    );
  }
  if (archive.length < headerLength + 16) throw new BackupArchiveError('backup_corrupt', 'The archive is truncated');
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    archiveKey(secret, Buffer.from(header.salt, 'base64')),
    Buffer.from(header.iv, 'base64'),
  );
  decipher.setAAD(archive.subarray(0, headerLength));
  decipher.setAuthTag(archive.subarray(archive.length - 16));
  try {
    const gz = Buffer.concat([decipher.update(archive.subarray(headerLength, archive.length - 16)), decipher.final()]);
    return { header, payload: zlib.gunzipSync(gz) };
  } catch {
    throw new BackupArchiveError('backup_corrupt', 'The archive does not authenticate: it is damaged or was altered');
  }
}
