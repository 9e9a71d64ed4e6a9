-- Incremental linkage (#20): a run compares only records that are new or changed since the last
-- run, against the blocks of the records already linked, looked up by keyed blocking key.
--
-- linked_run_id: the run that last compared the encoding; NULL when it is new or was re-encoded since.
-- encoding_hash: what the encoding was made from (keyed), so re-encoding an unchanged person keeps it linked.
ALTER TABLE linkage_encodings ADD COLUMN linked_run_id uuid;
ALTER TABLE linkage_encodings ADD COLUMN encoding_hash text;

-- One row per blocking key of a linked encoding: a 52-bit hash of the keyed band prefix (or day-month
-- key with its shorter prefix) under the run's prefix lengths. Keyed material only, like the encoding.
CREATE TABLE linkage_blocking_keys (
  block_key bigint NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL,
  PRIMARY KEY (block_key, organisation_id, person_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES linkage_encodings (organisation_id, person_id) ON DELETE CASCADE
);
CREATE INDEX linkage_blocking_keys_record ON linkage_blocking_keys (organisation_id, person_id);

ALTER TABLE linkage_blocking_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY linkage_blocking_keys_tenant ON linkage_blocking_keys TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE, DELETE ON linkage_blocking_keys TO ariadne_app;

-- How a run linked (full or incremental), and what an incremental run reuses from the last full one:
-- the network's secret fingerprint (schema and secrets) and the estimated model (m/u, threshold, prefix lengths).
ALTER TABLE linkage_runs ADD COLUMN mode text NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental'));
ALTER TABLE linkage_runs ADD COLUMN fingerprint text;
ALTER TABLE linkage_runs ADD COLUMN frozen_model jsonb;
