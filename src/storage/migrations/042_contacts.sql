-- The contact log of the threshold phase (issue #18): hotline calls, outreach contacts, drop-in
-- visits and messages, before any case exists. Anonymous by default; what is recorded is coarse on
-- purpose (a municipality or an outreach route, never a position). A nickname she chose is sealed
-- under the organisation's data key; its blind index (the organisation's index key, case- and
-- accent-insensitive) links her repeat contacts without knowing who she is. Contacts of one
-- anonymous person share a chain; when the chain becomes a case every contact of it names the case.
CREATE TABLE contacts (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hotline_call', 'outreach', 'drop_in', 'message')),
  place_level text NOT NULL CHECK (place_level IN ('municipality', 'outreach_route')),
  place text NOT NULL CHECK (char_length(place) BETWEEN 1 AND 120),
  language text CHECK (char_length(language) <= 20),
  interpreter_used boolean NOT NULL DEFAULT false,
  -- Codes of the organisation's lists immediate_needs and contact_provisions.
  needs text[] NOT NULL DEFAULT '{}',
  provided text[] NOT NULL DEFAULT '{}',
  nickname_enc text,
  nickname_index text CHECK (nickname_index ~ '^[A-Za-z0-9_-]{16,64}$'),
  note_enc text,
  chain_id uuid NOT NULL,
  case_id uuid,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  voided_at timestamptz,
  void_reason_enc text,
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id),
  CHECK ((nickname_enc IS NULL) = (nickname_index IS NULL)),
  CHECK ((voided_at IS NULL) = (void_reason_enc IS NULL))
);
CREATE INDEX contacts_occurred ON contacts (organisation_id, occurred_at);
CREATE INDEX contacts_chain ON contacts (organisation_id, chain_id);
CREATE INDEX contacts_nickname ON contacts (organisation_id, nickname_index) WHERE nickname_index IS NOT NULL;

ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY contacts_tenant ON contacts TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON contacts TO ariadne_app;
-- Corrected (a new version), voided with its reason, merged into an older chain, or linked to the case
-- the chain became; never deleted.
GRANT UPDATE (occurred_at, kind, place_level, place, language, interpreter_used, needs, provided, nickname_enc,
  nickname_index, note_enc, chain_id, case_id, version, voided_at, void_reason_enc) ON contacts TO ariadne_app;
