-- The EX-CHANGE catalogue of professional profiles (qualifications) and roles
-- (fields of activity with a 7-field role card). Each organisation keeps its own
-- editable, translatable copy; taxonomy_code maps every local entry to the
-- shared taxonomy so that a network compares like with like. Staff hold any
-- number of roles and profiles.

CREATE TABLE catalogue_profiles (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,63}$'),
  taxonomy_code text NOT NULL CHECK (taxonomy_code ~ '^[a-z0-9][a-z0-9_]{0,63}$'),
  labels jsonb NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organisation_id, code)
);

CREATE TABLE catalogue_roles (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,63}$'),
  taxonomy_code text NOT NULL CHECK (taxonomy_code ~ '^[a-z0-9][a-z0-9_]{0,63}$'),
  labels jsonb NOT NULL,
  card jsonb NOT NULL DEFAULT '{}'::jsonb,
  profile_codes text[] NOT NULL DEFAULT '{}',
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, code)
);

CREATE TABLE staff_roles (
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role_code text NOT NULL,
  PRIMARY KEY (organisation_id, user_id, role_code),
  FOREIGN KEY (organisation_id, user_id) REFERENCES memberships (organisation_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, role_code) REFERENCES catalogue_roles (organisation_id, code)
);

CREATE TABLE staff_profiles (
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  profile_code text NOT NULL,
  PRIMARY KEY (organisation_id, user_id, profile_code),
  FOREIGN KEY (organisation_id, user_id) REFERENCES memberships (organisation_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, profile_code) REFERENCES catalogue_profiles (organisation_id, code)
);

ALTER TABLE catalogue_profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE catalogue_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY catalogue_profiles_tenant ON catalogue_profiles TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY catalogue_roles_tenant ON catalogue_roles TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY staff_roles_tenant ON staff_roles TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY staff_profiles_tenant ON staff_profiles TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON catalogue_profiles, catalogue_roles TO ariadne_app;
GRANT SELECT, INSERT, DELETE ON staff_roles, staff_profiles TO ariadne_app;

-- Network partners see which fields of activity each active member covers
-- (taxonomy code and a staff count), never who.
CREATE FUNCTION app_network_role_coverage() RETURNS TABLE (organisation_id uuid, taxonomy_code text, staff integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.organisation_id, r.taxonomy_code, count(DISTINCT s.user_id)::int
  FROM catalogue_roles r JOIN staff_roles s ON s.organisation_id = r.organisation_id AND s.role_code = r.code
  WHERE r.active AND (r.organisation_id IN (SELECT app_network_partners()) OR r.organisation_id = app_current_organisation())
  GROUP BY r.organisation_id, r.taxonomy_code
$$;
REVOKE ALL ON FUNCTION app_network_role_coverage() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_network_role_coverage() TO ariadne_app;
