-- The audit log's checkpoint signing key gets a seed of its own (32 bytes, the Ed25519 private
-- seed), stored only wrapped by the master key like the organisation keys. Until now the seed was
-- derived from the master key by HKDF, so `ariadne keys rotate-master` changed the signing key and
-- every checkpoint signed before stopped verifying; a stored seed is re-wrapped by rotate-master
-- (with the organisation keys, in one transaction) and the public key stays the same.
--
-- SQL cannot wrap, so the row is written by the application at its first start (or first use)
-- after this migration (src/services/audit-signing-key.ts): a deployment that already holds
-- checkpoints keeps the seed it signed them with (the HKDF derivation, origin 'derived'), a new
-- one draws a random seed (origin 'generated'). Without the master key the row is useless, so the
-- database alone still cannot forge a checkpoint.
CREATE TABLE audit_signing_keys (
  version integer PRIMARY KEY CHECK (version > 0),
  -- The seed wrapped by the master key (AES-256-GCM, the organisation keys' format).
  wrapped_seed text NOT NULL,
  -- The signed-note verifier key of the seed, as `ariadne audit public-key` prints it.
  public_key text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('derived', 'generated')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX audit_signing_keys_one_active ON audit_signing_keys (active) WHERE active;
-- Never visible to the application role (no grant, no policy): only the system connection reads it.
ALTER TABLE audit_signing_keys ENABLE ROW LEVEL SECURITY;
