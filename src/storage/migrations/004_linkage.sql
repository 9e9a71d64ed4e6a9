-- Privacy-preserving record linkage. Each organisation holds the network's
-- linkage secret (encrypted under its own data key) and stores only keyed
-- Bloom-filter encodings of persons who consented to network deduplication.
-- The linkage service reads encodings, never identities or the secret, and
-- writes back to each organisation only which partners know the same person.

CREATE TABLE linkage_secrets (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  secret_enc text NOT NULL,
  schema_version text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE linkage_encodings (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL,
  schema_version text NOT NULL,
  encoding jsonb NOT NULL,
  encoded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, person_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES persons (organisation_id, id)
);

CREATE TABLE linkage_matches (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL,
  cluster_id uuid NOT NULL,
  partner_organisation_ids uuid[] NOT NULL,
  run_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, person_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES persons (organisation_id, id)
);

-- Network-level aggregates of each run: counts and capture histories, no persons.
CREATE TABLE linkage_runs (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  schema_version text NOT NULL,
  stats jsonb NOT NULL,
  capture_histories jsonb NOT NULL
);

ALTER TABLE linkage_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE linkage_encodings ENABLE ROW LEVEL SECURITY;
ALTER TABLE linkage_matches ENABLE ROW LEVEL SECURITY;
ALTER TABLE linkage_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY linkage_secrets_tenant ON linkage_secrets TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY linkage_encodings_tenant ON linkage_encodings TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY linkage_matches_tenant ON linkage_matches TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON linkage_secrets TO ariadne_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON linkage_encodings TO ariadne_app;
GRANT SELECT ON linkage_matches TO ariadne_app;
