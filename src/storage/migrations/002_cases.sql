-- Case management: configurable reference lists, persons (identifying fields
-- encrypted), cases with one owner, intake, typed versioned case entries and
-- the case timeline. Every table is tenant-owned and row-level secured.

CREATE TABLE reference_items (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  list_key text NOT NULL CHECK (list_key ~ '^[a-z][a-z0-9_]{0,63}$'),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,63}$'),
  labels jsonb NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  meta jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (organisation_id, list_key, code)
);

CREATE TABLE persons (
  id uuid NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- Names, aliases, date of birth, citizenship, languages, contact details and
  -- documents: one AES-256-GCM envelope under the organisation's data key.
  identity_enc text NOT NULL,
  name_bidx text,
  dob_bidx text,
  sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  chosen_term text,
  pronouns text CHECK (char_length(pronouns) <= 40),
  preferred_language text CHECK (char_length(preferred_language) <= 20),
  is_minor boolean,
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX persons_id ON persons (id);
CREATE INDEX persons_name_bidx ON persons (organisation_id, name_bidx);
CREATE INDEX persons_dob_bidx ON persons (organisation_id, dob_bidx);

CREATE TABLE cases (
  id uuid NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid NOT NULL,
  reference text NOT NULL,
  status text NOT NULL CHECK (status IN ('contact', 'identification', 'reflection', 'programme', 'follow_up', 'paused', 'closed')),
  -- Where a paused case returns to when she comes back.
  paused_from text CHECK (paused_from IN ('contact', 'identification', 'reflection', 'programme', 'follow_up')),
  owner_user_id uuid NOT NULL REFERENCES users(id),
  programme_type text,
  country text CHECK (country ~ '^[A-Z]{2}$'),
  -- A separate fact: assistance never depends on it.
  cooperation text NOT NULL DEFAULT 'unknown' CHECK (cooperation IN ('unknown', 'not_cooperating', 'cooperating', 'declined')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closure_reason text,
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES persons (organisation_id, id),
  UNIQUE (organisation_id, reference),
  CHECK ((status = 'paused') = (paused_from IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closure_reason IS NOT NULL))
);
CREATE UNIQUE INDEX cases_id ON cases (id);
CREATE INDEX cases_recent ON cases (organisation_id, updated_at DESC, id);
CREATE INDEX cases_status ON cases (organisation_id, status, updated_at DESC, id);
CREATE INDEX cases_owner ON cases (organisation_id, owner_user_id, updated_at DESC, id);
CREATE INDEX cases_programme ON cases (organisation_id, programme_type, updated_at DESC, id);
CREATE INDEX cases_person ON cases (organisation_id, person_id);

CREATE TABLE case_intakes (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL,
  channel text NOT NULL,
  contact_date date NOT NULL,
  municipality text CHECK (char_length(municipality) <= 120),
  language text CHECK (char_length(language) <= 40),
  mediator_used boolean NOT NULL DEFAULT false,
  immediate_needs text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (organisation_id, case_id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id)
);

-- Typed records of a case (identification, determinations, consent, plan,
-- services, placements, legal events...). Editing writes a new version and
-- keeps the old one: only one version per entry is current.
CREATE TABLE case_entries (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,40}$'),
  data jsonb NOT NULL,
  -- Secret parts (her own words, shelter addresses), encrypted.
  secret_enc text,
  current boolean NOT NULL DEFAULT true,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  PRIMARY KEY (organisation_id, id, version),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id)
);
CREATE UNIQUE INDEX case_entries_one_current ON case_entries (organisation_id, id) WHERE current;
CREATE INDEX case_entries_case ON case_entries (organisation_id, case_id, kind) WHERE current;

CREATE TABLE case_events (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  kind text NOT NULL,
  -- Codes and ids only; never names or free text about her.
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id)
);
CREATE INDEX case_events_case ON case_events (organisation_id, case_id, at);

CREATE TABLE case_reference_counters (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  year integer NOT NULL,
  last_value integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, year)
);

ALTER TABLE reference_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_intakes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_reference_counters ENABLE ROW LEVEL SECURITY;

CREATE POLICY reference_items_tenant ON reference_items TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY persons_tenant ON persons TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY cases_tenant ON cases TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY case_intakes_tenant ON case_intakes TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY case_entries_tenant ON case_entries TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY case_events_tenant ON case_events TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY case_reference_counters_tenant ON case_reference_counters TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());

GRANT SELECT, INSERT, UPDATE ON reference_items, persons, cases, case_intakes, case_reference_counters TO ariadne_app;
-- Entries are versioned: the app may only flip the current flag, never rewrite data.
GRANT SELECT, INSERT ON case_entries TO ariadne_app;
GRANT UPDATE (current) ON case_entries TO ariadne_app;
GRANT SELECT, INSERT ON case_events TO ariadne_app;
