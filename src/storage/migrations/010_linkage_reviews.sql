-- Manual review of record pairs whose similarity falls in the review band.
-- A sharing table between the two organisations of a pair: each sees the pair,
-- its similarity and non-identifying attributes (never names), and either may
-- decide. Decisions persist across runs and steer the next linkage run.

CREATE TABLE linkage_reviews (
  id uuid PRIMARY KEY,
  a_organisation_id uuid NOT NULL REFERENCES organisations(id),
  a_person_id uuid NOT NULL,
  b_organisation_id uuid NOT NULL REFERENCES organisations(id),
  b_person_id uuid NOT NULL,
  score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
  a_attributes jsonb NOT NULL DEFAULT '{}',
  b_attributes jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'match', 'non_match')),
  decided_by uuid REFERENCES users(id),
  decided_by_organisation_id uuid REFERENCES organisations(id),
  decided_at timestamptz,
  run_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (a_organisation_id, a_person_id, b_organisation_id, b_person_id)
);
CREATE INDEX linkage_reviews_a ON linkage_reviews (a_organisation_id, status);
CREATE INDEX linkage_reviews_b ON linkage_reviews (b_organisation_id, status);

ALTER TABLE linkage_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY linkage_reviews_parties ON linkage_reviews TO ariadne_app
  USING (a_organisation_id = app_current_organisation() OR b_organisation_id = app_current_organisation())
  WITH CHECK (a_organisation_id = app_current_organisation() OR b_organisation_id = app_current_organisation());
GRANT SELECT, UPDATE ON linkage_reviews TO ariadne_app;
