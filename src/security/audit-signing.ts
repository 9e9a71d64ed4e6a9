/**
 * The audit checkpoint signing key: Ed25519, its seed derived from the master key, so only a
 * holder of the master key can sign a checkpoint and a copy of the database cannot forge one.
 */
import { AUDIT_KEY_NAME, signerFromSeed, type NoteSigner } from '../domain/audit/checkpoint';
import type { KeyRing } from './field-encryption';

// Versioned: a new derivation (or key name) would be a new key, announced like a rotation.
const HKDF_INFO = 'ariadne/audit-checkpoint-signing-key/v1';

const signers = new WeakMap<KeyRing, NoteSigner>();

export function auditSigner(keyRing: KeyRing): NoteSigner {
  let signer = signers.get(keyRing);
  if (!signer) {
    signer = signerFromSeed(AUDIT_KEY_NAME, keyRing.deriveSecret(HKDF_INFO));
    signers.set(keyRing, signer);
  }
  return signer;
}
