/**
 * Signed checkpoints in the C2SP formats (signed-note, tlog-checkpoint): a short text —
 * origin, tree size, base64 root hash — followed by a blank line and Ed25519 signature
 * lines, so a checkpoint can be copied anywhere and checked with only the public key.
 */
import crypto from 'node:crypto';

/** The signed-note key name of Ariadne's audit log. */
export const AUDIT_KEY_NAME = 'ariadne-audit';

/** One log per organisation: the origin names it, so a checkpoint cannot be replayed for another. */
export const checkpointOrigin = (organisationId: string) => `ariadne/audit/${organisationId}`;

export function organisationOfOrigin(origin: string): string | null {
  const m = /^ariadne\/audit\/([0-9a-f-]{36})$/.exec(origin);
  return m ? m[1] : null;
}

/** The checkpoint text that is signed: every line ends in a newline (C2SP tlog-checkpoint). */
export function checkpointBody(origin: string, treeSize: number, rootHash: Uint8Array): string {
  return `${origin}\n${treeSize}\n${Buffer.from(rootHash).toString('base64')}\n`;
}

export interface NoteVerifier {
  name: string;
  /** First four bytes of SHA-256(name || "\n" || 0x01 || public key), as signed-note defines. */
  keyId: Buffer;
  publicKey: crypto.KeyObject;
  /** The verifier key text: name+hex key id+base64(0x01 || public key). */
  vkey: string;
}

export interface NoteSigner extends NoteVerifier {
  privateKey: crypto.KeyObject;
}

const ED25519_ALG = 0x01;
// DER prefixes turning 32 raw bytes into PKCS#8 / SPKI Ed25519 keys Node accepts.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function keyId(name: string, rawPublic: Buffer): Buffer {
  return crypto
    .createHash('sha256')
    .update(name)
    .update('\n')
    .update(Buffer.from([ED25519_ALG]))
    .update(rawPublic)
    .digest()
    .subarray(0, 4);
}

function verifierOf(name: string, publicKey: crypto.KeyObject): NoteVerifier {
  if (!/^[^\s+]+$/.test(name)) throw new Error('a key name has no spaces or plus signs');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const id = keyId(name, raw);
  return {
    name,
    keyId: id,
    publicKey,
    vkey: `${name}+${id.toString('hex')}+${Buffer.concat([Buffer.from([ED25519_ALG]), raw]).toString('base64')}`,
  };
}

/** An Ed25519 signer from a 32-byte seed (derived outside the database). */
export function signerFromSeed(name: string, seed: Uint8Array): NoteSigner {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { ...verifierOf(name, crypto.createPublicKey(privateKey)), privateKey };
}

/** Parses a verifier key printed by `ariadne audit public-key`. */
export function verifierFromVkey(vkey: string): NoteVerifier {
  const [name, idHex, b64, ...rest] = vkey.trim().split('+');
  const raw = Buffer.from(b64 ?? '', 'base64');
  if (rest.length || !name || raw.length !== 33 || raw[0] !== ED25519_ALG)
    throw new Error('not an Ed25519 verifier key');
  const verifier = verifierOf(
    name,
    crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw.subarray(1)]), format: 'der', type: 'spki' }),
  );
  if (verifier.keyId.toString('hex') !== idHex) throw new Error('verifier key id does not match its key');
  return verifier;
}

/** The base64 payload of a signature line: key id || Ed25519 signature of the note text. */
export function signNoteBody(body: string, signer: NoteSigner): string {
  const sig = crypto.sign(null, Buffer.from(body, 'utf8'), signer.privateKey);
  return Buffer.concat([signer.keyId, sig]).toString('base64');
}

export function formatNote(body: string, keyName: string, signature: string): string {
  return `${body}\n\u2014 ${keyName} ${signature}\n`;
}

export interface ParsedCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  body: string;
  signatures: { name: string; payload: string }[];
}

/** Parses a signed checkpoint note; throws on anything malformed. */
export function parseCheckpointNote(text: string): ParsedCheckpoint {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new Error('a signed note has a blank line before its signatures');
  const body = text.slice(0, split + 1);
  const [origin, size, root] = body.slice(0, -1).split('\n');
  if (!origin || !/^(0|[1-9][0-9]*)$/.test(size ?? '') || !root)
    throw new Error('a checkpoint has an origin, a tree size and a root hash');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root)
    throw new Error('the root hash is 32 bytes of base64');
  const signatures = text
    .slice(split + 2)
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!m) throw new Error('malformed signature line');
      return { name: m[1], payload: m[2] };
    });
  if (!signatures.length) throw new Error('a signed note has at least one signature');
  return { origin, treeSize: Number(size), rootHash, body, signatures };
}

/** True when one of the note's signatures is a valid signature of `verifier`. */
export function verifyNoteSignature(
  body: string,
  signatures: readonly { name: string; payload: string }[],
  verifier: NoteVerifier,
): boolean {
  return signatures.some((s) => {
    if (s.name !== verifier.name) return false;
    const raw = Buffer.from(s.payload, 'base64');
    if (raw.length !== 4 + 64 || !raw.subarray(0, 4).equals(verifier.keyId)) return false;
    return crypto.verify(null, Buffer.from(body, 'utf8'), verifier.publicKey, raw.subarray(4));
  });
}

/**
 * Reads checkpoints kept elsewhere: the JSON printed by `ariadne audit checkpoint --json`
 * (an object with `checkpoints`, an array, or one checkpoint, each with its `note`), or the
 * signed notes themselves, one after another.
 */
export function parseCheckpointFile(text: string): ParsedCheckpoint[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const data = JSON.parse(trimmed) as unknown;
    const list = Array.isArray(data) ? data : ((data as { checkpoints?: unknown[] }).checkpoints ?? [data]);
    return list.map((c) =>
      parseCheckpointNote(typeof c === 'string' ? c : String((c as { note?: unknown }).note ?? '')),
    );
  }
  const notes: string[] = [];
  let current: string[] = [];
  let inSignatures = false;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const isSignature = line.startsWith('\u2014 ');
    if (inSignatures && !isSignature) {
      notes.push(current.join('\n') + '\n');
      current = [];
      inSignatures = false;
      if (line === '') continue;
    }
    if (isSignature) inSignatures = true;
    current.push(line);
  }
  if (current.some((l) => l !== '')) notes.push(current.join('\n').replace(/\n*$/, '\n'));
  return notes.map(parseCheckpointNote);
}
