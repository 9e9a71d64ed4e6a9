/**
 * The audit checkpoint signing key: Ed25519 from a 32-byte seed of its own, stored in the database
 * only wrapped by the master key (services/audit-signing-key.ts), so only a holder of the master key
 * can sign a checkpoint and a copy of the database cannot forge one. Rotating the master key
 * re-wraps the seed: the signing key, and the public key given out, stay the same.
 */
import { AUDIT_KEY_NAME, signerFromSeed, type NoteSigner } from '../domain/audit/checkpoint';
import type { KeyRing } from './field-encryption';

// Before migration 028 the seed was this HKDF derivation of the master key; a deployment that
// signed checkpoints with it stores exactly these 32 bytes as its seed, so they keep verifying.
const HKDF_INFO = 'ariadne/audit-checkpoint-signing-key/v1';

/** The seed every checkpoint signed before migration 028 was signed with. */
export const legacyAuditSeed = (keyRing: KeyRing): Buffer => keyRing.deriveSecret(HKDF_INFO);

export const auditSignerFromSeed = (seed: Uint8Array): NoteSigner => signerFromSeed(AUDIT_KEY_NAME, seed);
