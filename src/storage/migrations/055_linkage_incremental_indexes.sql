-- Incremental linkage at a million records (#20): the look-ups a run makes, indexed.
-- The members of the earlier persons a run reaches (by cluster id):
CREATE INDEX linkage_matches_cluster ON linkage_matches (cluster_id);
-- A run replaces the links of the records it solves again, found by either end (the primary key
-- starts with the a end):
CREATE INDEX linkage_links_b ON linkage_links (b_organisation_id, b_person_id);
-- The encodings no run has compared yet (new or changed): a handful among a million.
CREATE INDEX linkage_encodings_unlinked ON linkage_encodings (organisation_id, person_id) WHERE linked_run_id IS NULL;
