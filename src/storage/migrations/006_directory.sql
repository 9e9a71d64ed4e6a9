-- The network directory: what each organisation offers, where, in which
-- languages and for whom, with updatable capacity. Readable by the members of
-- the organisation's networks; written only by the organisation itself.
CREATE TABLE directory_entries (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  organisation_type text NOT NULL,
  territory_level text NOT NULL CHECK (territory_level IN ('municipality', 'nuts3', 'nuts2', 'national')),
  territory text NOT NULL CHECK (char_length(territory) BETWEEN 1 AND 120),
  languages text[] NOT NULL DEFAULT '{}',
  services text[] NOT NULL DEFAULT '{}',
  target_groups text[] NOT NULL DEFAULT '{}',
  shelter_places_total integer CHECK (shelter_places_total >= 0),
  shelter_places_free integer CHECK (shelter_places_free >= 0),
  contact_route text CHECK (char_length(contact_route) <= 200),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (shelter_places_free IS NULL OR shelter_places_total IS NULL OR shelter_places_free <= shelter_places_total)
);

ALTER TABLE directory_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY directory_read_network ON directory_entries FOR SELECT TO ariadne_app
  USING (organisation_id = app_current_organisation()
    OR organisation_id IN (SELECT organisation_id FROM network_memberships WHERE network_id IN (SELECT app_current_networks())));
CREATE POLICY directory_write_own ON directory_entries FOR INSERT TO ariadne_app WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY directory_update_own ON directory_entries FOR UPDATE TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON directory_entries TO ariadne_app;
