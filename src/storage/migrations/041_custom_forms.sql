-- Custom forms (issue #17): fields and sections an administrator adds to the case record or to a
-- kind of case record. A form has one editable draft and a history of published versions; every
-- recorded value names the version it was recorded under and is always read with that version's
-- definition, so a published version is immutable: the application role may only insert it (no
-- UPDATE or DELETE grant), and a trigger refuses any change even to the system role.
-- Definitions are configuration (labels, codes, expressions), never personal data: clear jsonb.
CREATE TABLE custom_forms (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  -- `case`, or the entry kind whose records carry the fields (checked by the service at publication).
  target text NOT NULL CHECK (target ~ '^[a-z][a-z0-9_]{0,63}$'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  -- The definition being edited; the next publication copies it into custom_form_versions.
  draft jsonb NOT NULL,
  -- The latest published version (0 before the first publication).
  current_version integer NOT NULL DEFAULT 0 CHECK (current_version >= 0),
  -- Optimistic lock of the draft: each update names the lock it read.
  lock_version integer NOT NULL DEFAULT 1 CHECK (lock_version >= 1),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, code),
  CHECK (status = 'draft' OR current_version > 0)
);

CREATE TABLE custom_form_versions (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  form_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users(id),
  PRIMARY KEY (organisation_id, form_id, version),
  FOREIGN KEY (organisation_id, form_id) REFERENCES custom_forms (organisation_id, id)
);

CREATE FUNCTION custom_form_versions_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published form version is never changed' USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER custom_form_versions_immutable BEFORE UPDATE OR DELETE ON custom_form_versions
  FOR EACH ROW EXECUTE FUNCTION custom_form_versions_immutable();

ALTER TABLE custom_forms ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_form_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY custom_forms_tenant ON custom_forms TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY custom_form_versions_tenant ON custom_form_versions TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON custom_forms, custom_form_versions TO ariadne_app;
-- A form is never deleted (records name it); its draft, status and version move forward.
GRANT UPDATE (target, status, draft, current_version, lock_version, updated_at) ON custom_forms TO ariadne_app;
