-- Incremental linkage at a million records (#20): a linked encoding's blocking keys are one row with
-- an array, indexed by GIN, instead of one row per key. With 79 keys per record the per-key table
-- had 79 rows (two uuids each) and three b-tree entries per key: a run storing 10,000 new records
-- inserted 790,000 entries at random places of a primary key larger than the buffer cache (43-49 s
-- of a 91 s run at 100,000 linked). GIN stores each key once with a compressed list of its rows, and
-- gathers new entries in its pending list, merged into the index in key order.
CREATE TABLE linkage_record_keys (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL,
  -- The record's distinct stored blocking keys (52-bit hashes, as in 051), in ascending order.
  block_keys bigint[] NOT NULL,
  PRIMARY KEY (organisation_id, person_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES linkage_encodings (organisation_id, person_id) ON DELETE CASCADE
);
CREATE INDEX linkage_record_keys_keys ON linkage_record_keys USING gin (block_keys);

INSERT INTO linkage_record_keys (organisation_id, person_id, block_keys)
SELECT organisation_id, person_id, array_agg(DISTINCT block_key ORDER BY block_key)
FROM linkage_blocking_keys GROUP BY organisation_id, person_id;
DROP TABLE linkage_blocking_keys;

ALTER TABLE linkage_record_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY linkage_record_keys_tenant ON linkage_record_keys TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE, DELETE ON linkage_record_keys TO ariadne_app;
