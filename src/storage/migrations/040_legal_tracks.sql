-- Legal tracks as data (issue #17): each organisation's track per country (steps, durations,
-- extensions and their conditions), seeded from src/domain/legal-tracks/seeds.ts on first use and
-- edited by its administrator. A change is a new version, never an update: a legal event records
-- the version its dates were computed under (trackVersion), and that version stays readable.
-- Definitions hold rules and labels only, no personal data.
CREATE TABLE legal_tracks (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  version integer NOT NULL CHECK (version > 0),
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  -- NULL for the shipped defaults.
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, country, version)
);

ALTER TABLE legal_tracks ENABLE ROW LEVEL SECURITY;
CREATE POLICY legal_tracks_tenant ON legal_tracks TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
-- Versions are appended, never rewritten or deleted.
GRANT SELECT, INSERT ON legal_tracks TO ariadne_app;

-- Italy's Art. 18 permit is one code with its path recorded once (the record's `path`), no longer two
-- codes that could contradict it. The two old codes are retired, not deleted: records that carry them
-- read as it_art18 with their path (src/domain/legal-tracks/normalise.ts). Organisations seeded before
-- get the new code with its labels.
UPDATE reference_items SET active = false
WHERE list_key = 'permit_types' AND code IN ('it_art18_judicial', 'it_art18_social');
INSERT INTO reference_items (organisation_id, list_key, code, labels, sort_order, meta)
SELECT DISTINCT organisation_id, 'permit_types', 'it_art18',
  '{"en": "IT Art. 18 permit", "fr": "IT titre art. 18", "it": "IT permesso art. 18", "sk": "IT povolenie čl. 18"}'::jsonb,
  1, '{"country": "IT"}'::jsonb
FROM reference_items WHERE list_key = 'permit_types'
ON CONFLICT DO NOTHING;
