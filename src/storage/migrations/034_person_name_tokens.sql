-- Partial and misspelt name search while names stay encrypted (src/domain/cases/name-search.ts).
-- One row per index term of a person's names: a keyed HMAC (the organisation's index key) of an
-- exact token, a 3+ letter prefix or a phonetic code, never the term itself. The hashes reveal,
-- to whoever reads this table, which persons of one organisation share a token, prefix or sound;
-- keys are per organisation, so nothing compares across organisations.
CREATE TABLE person_name_tokens (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  token text NOT NULL CHECK (token ~ '^[A-Za-z0-9_-]{16,64}$'),
  PRIMARY KEY (organisation_id, person_id, token),
  FOREIGN KEY (organisation_id, person_id) REFERENCES persons (organisation_id, id) ON DELETE CASCADE
);
-- A search looks terms up within one organisation, then groups by person.
CREATE INDEX person_name_tokens_lookup ON person_name_tokens (organisation_id, token, person_id);

ALTER TABLE person_name_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_name_tokens_tenant ON person_name_tokens TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
-- A person edit replaces her terms.
GRANT SELECT, INSERT, DELETE ON person_name_tokens TO ariadne_app;
