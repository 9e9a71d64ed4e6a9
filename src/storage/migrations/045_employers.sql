-- The employer directory (issue #19): employers that take part in labour-market insertion, their
-- company tutors and the agreements signed with them. Company data only: a business contact, never a
-- person placed (placements and internships are case records that name the employer's id). An employer
-- is written by its own organisation; members of a network the owner belongs to READ it only when the
-- owner shares it (shared_with_networks), the explicit sharing, like directory_entries. The notes are
-- the owner's own and sealed under its key (notes_enc): partners never receive them.
CREATE TABLE employers (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  sector text NOT NULL CHECK (sector ~ '^[a-z][a-z0-9_]{0,63}$'),
  territory_level text NOT NULL CHECK (territory_level IN ('municipality', 'nuts3', 'nuts2', 'national')),
  territory text NOT NULL CHECK (char_length(territory) BETWEEN 1 AND 120),
  contact_person text CHECK (char_length(contact_person) <= 200),
  contact_phone text CHECK (char_length(contact_phone) <= 60),
  contact_email text CHECK (char_length(contact_email) <= 200),
  notes_enc text,
  shared_with_networks boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  UNIQUE (organisation_id, id)
);
CREATE INDEX employers_org ON employers (organisation_id);

CREATE TABLE employer_tutors (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid PRIMARY KEY,
  employer_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  role text CHECK (char_length(role) <= 200),
  contact text CHECK (char_length(contact) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  FOREIGN KEY (organisation_id, employer_id) REFERENCES employers (organisation_id, id)
);
CREATE INDEX employer_tutors_employer ON employer_tutors (employer_id);

CREATE TABLE employer_agreements (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid PRIMARY KEY,
  employer_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('internship_agreement', 'placement_agreement', 'framework')),
  signed_on date NOT NULL,
  valid_until date,
  reference text CHECK (char_length(reference) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= signed_on),
  FOREIGN KEY (organisation_id, employer_id) REFERENCES employers (organisation_id, id)
);
CREATE INDEX employer_agreements_employer ON employer_agreements (employer_id);

ALTER TABLE employers ENABLE ROW LEVEL SECURITY;
CREATE POLICY employers_read ON employers FOR SELECT TO ariadne_app
  USING (organisation_id = app_current_organisation()
    OR (shared_with_networks AND organisation_id IN (SELECT app_network_partners())));
CREATE POLICY employers_insert_own ON employers FOR INSERT TO ariadne_app WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY employers_update_own ON employers FOR UPDATE TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON employers TO ariadne_app;

-- Tutors and agreements are read with their employer (the employer's own policy decides), written by its owner.
ALTER TABLE employer_tutors ENABLE ROW LEVEL SECURITY;
CREATE POLICY employer_tutors_read ON employer_tutors FOR SELECT TO ariadne_app
  USING (organisation_id = app_current_organisation()
    OR EXISTS (SELECT 1 FROM employers e WHERE e.id = employer_id AND e.organisation_id = employer_tutors.organisation_id));
CREATE POLICY employer_tutors_insert_own ON employer_tutors FOR INSERT TO ariadne_app WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY employer_tutors_update_own ON employer_tutors FOR UPDATE TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON employer_tutors TO ariadne_app;

ALTER TABLE employer_agreements ENABLE ROW LEVEL SECURITY;
CREATE POLICY employer_agreements_read ON employer_agreements FOR SELECT TO ariadne_app
  USING (organisation_id = app_current_organisation()
    OR EXISTS (SELECT 1 FROM employers e WHERE e.id = employer_id AND e.organisation_id = employer_agreements.organisation_id));
CREATE POLICY employer_agreements_insert_own ON employer_agreements FOR INSERT TO ariadne_app WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY employer_agreements_update_own ON employer_agreements FOR UPDATE TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON employer_agreements TO ariadne_app;

-- How long an internship may last in each country (seed 004: 1–6 months). No row: the default 1–6.
-- Rules only, no personal data; edited by the organisation's administrator.
CREATE TABLE internship_rules (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  min_months integer NOT NULL CHECK (min_months BETWEEN 0 AND 36),
  max_months integer NOT NULL CHECK (max_months BETWEEN 1 AND 36),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, country),
  CHECK (min_months <= max_months)
);
ALTER TABLE internship_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY internship_rules_tenant ON internship_rules TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE, DELETE ON internship_rules TO ariadne_app;
