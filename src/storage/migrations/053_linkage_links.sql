-- The links of the latest linkage run with their estimated match probabilities (issue #21): the MSE
-- interval redraws them to carry the linkage's own error. Pseudonymous record ids and a probability,
-- never an encoding or an identity. Like linkage_runs, only the system reads them (to build counts):
-- row-level security with no policy and no grant, so the app role sees nothing.
CREATE TABLE linkage_links (
  run_id uuid NOT NULL,
  a_organisation_id uuid NOT NULL REFERENCES organisations(id),
  a_person_id uuid NOT NULL,
  b_organisation_id uuid NOT NULL REFERENCES organisations(id),
  b_person_id uuid NOT NULL,
  -- NULL: the fixed Dice thresholds decided, with no probability (taken as certain).
  probability double precision CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1)),
  PRIMARY KEY (a_organisation_id, a_person_id, b_organisation_id, b_person_id)
);
ALTER TABLE linkage_links ENABLE ROW LEVEL SECURITY;
