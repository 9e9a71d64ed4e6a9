-- Estimates Ariadne computed itself (e.g. by multiple systems estimation), kept
-- with their inputs and model beside the seeded registry of published figures.
CREATE TABLE estimates (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  PRIMARY KEY (organisation_id, id)
);

ALTER TABLE estimates ENABLE ROW LEVEL SECURITY;
CREATE POLICY estimates_tenant ON estimates TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON estimates TO ariadne_app;
