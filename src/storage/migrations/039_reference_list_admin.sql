-- Reference lists that administrators own (issue #17). Items were seeded once and never edited; now an
-- administrator edits labels, adds, reorders, retires and restores items (never deletes: a used code
-- stays on old records, labelled).
--
-- reference_lists: one version per list, raised by every change to it, so two administrators never
-- overwrite each other silently (a change names the version it was made on; another one is a 409).
-- A list with no row yet is at version 1.
CREATE TABLE reference_lists (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  list_key text NOT NULL CHECK (list_key ~ '^[a-z][a-z0-9_]{0,63}$'),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  PRIMARY KEY (organisation_id, list_key)
);

-- Items a release adds to a seed list the organisation already has arrive as proposals: she accepts
-- (the item is added) or dismisses them. A row is kept whatever is decided, so the same item is never
-- proposed twice, nor again after a dismissal. Labels are the seed's (no personal data).
CREATE TABLE reference_item_proposals (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  list_key text NOT NULL CHECK (list_key ~ '^[a-z][a-z0-9_]{0,63}$'),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,63}$'),
  labels jsonb NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  meta jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id),
  PRIMARY KEY (organisation_id, list_key, code),
  CHECK ((status = 'open') = (decided_at IS NULL))
);

ALTER TABLE reference_lists ENABLE ROW LEVEL SECURITY;
ALTER TABLE reference_item_proposals ENABLE ROW LEVEL SECURITY;
CREATE POLICY reference_lists_tenant ON reference_lists TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY reference_item_proposals_tenant ON reference_item_proposals TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
-- Nothing is deleted: items are retired, proposals decided.
GRANT SELECT, INSERT, UPDATE ON reference_lists, reference_item_proposals TO ariadne_app;

-- Palermo means: an item counts as a means only when it is marked as one. The eight seed means of the
-- organisations seeded before the mark existed get it; a local item added to the list does not.
UPDATE reference_items SET meta = meta || '{"palermoMeans": true}'::jsonb
WHERE list_key = 'palermo_means'
  AND code IN ('threat_or_force', 'coercion', 'abduction', 'fraud', 'deception', 'abuse_of_power',
               'abuse_of_vulnerability', 'payments_or_benefits');
