-- The audit log becomes a verifiable log (RFC 9162 Merkle tree per organisation, signed checkpoints).
-- Appends no longer take a per-organisation lock held to COMMIT: a row is inserted pending (seq and
-- leaf_hash NULL) and a sealer assigns leaf indices in insertion order, stores each leaf hash and
-- writes an Ed25519-signed checkpoint. The signing key is derived from the master key, which the
-- database never holds, so the database alone cannot forge a checkpoint.

-- Insertion id: the order the sealer takes pending rows in. Existing rows get ids in their old
-- seq order, so that on first run they are sealed as leaves in that order (seq 1, 2, … again).
ALTER TABLE audit_log ADD COLUMN id bigint;
UPDATE audit_log a SET id = r.n
  FROM (SELECT organisation_id, seq, row_number() OVER (ORDER BY organisation_id, seq) AS n FROM audit_log) r
  WHERE a.organisation_id = r.organisation_id AND a.seq = r.seq;
CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
SELECT setval('audit_log_id_seq', coalesce((SELECT max(id) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq');
ALTER TABLE audit_log ALTER COLUMN id SET NOT NULL;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD PRIMARY KEY (id);

-- prev_hash/hash: the pre-024 hash chain, kept on old rows (and covered by their leaf hash).
ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ADD COLUMN leaf_hash text;
UPDATE audit_log SET seq = NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_together CHECK ((seq IS NULL) = (leaf_hash IS NULL));
CREATE UNIQUE INDEX audit_log_leaf ON audit_log (organisation_id, seq);
CREATE INDEX audit_log_pending ON audit_log (organisation_id, id) WHERE seq IS NULL;

-- The application appends pending rows only; it can never write a sealed leaf or an old-chain hash.
CREATE POLICY audit_log_append_pending ON audit_log AS RESTRICTIVE FOR INSERT TO ariadne_app
  WITH CHECK (seq IS NULL AND leaf_hash IS NULL AND prev_hash IS NULL AND hash IS NULL);
GRANT USAGE ON SEQUENCE audit_log_id_seq TO ariadne_app;

-- Signed tree heads. root_hash is base64 (as in the checkpoint text); signature is the base64
-- payload of the signed-note signature line (key id || Ed25519 signature). frontier is the
-- sealer's cache of the tree's right edge, so sealing never re-reads old leaves; it is not
-- trusted: a wrong frontier produces a root that `audit verify` recomputes and rejects.
CREATE TABLE audit_checkpoints (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  tree_size integer NOT NULL CHECK (tree_size > 0),
  root_hash text NOT NULL,
  signature text NOT NULL,
  frontier text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, tree_size)
);
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_checkpoints_tenant ON audit_checkpoints FOR SELECT TO ariadne_app
  USING (organisation_id = app_current_organisation());
-- Read-only for the application: only the sealer (the system role) writes checkpoints.
GRANT SELECT ON audit_checkpoints TO ariadne_app;
