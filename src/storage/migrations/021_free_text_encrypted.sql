-- Free text that may describe her is encrypted under the organisation's data key, like her identity.
-- The intake municipality moves to municipality_enc; the clear column stays only so that rows written
-- before this migration can be encrypted by the start-up backfill (which needs the keys, so SQL
-- cannot do it here). After the backfill it is NULL everywhere, and a row never holds both forms.
ALTER TABLE case_intakes ADD COLUMN municipality_enc text;
ALTER TABLE case_intakes ADD CONSTRAINT case_intakes_municipality_one_form CHECK (municipality IS NULL OR municipality_enc IS NULL);

-- The timeline keeps codes and ids; free text of an event (the reason of an owner hand-over)
-- is sealed here instead.
ALTER TABLE case_events ADD COLUMN secret_enc text;

-- One-off data moves that need the keys (and so run in the application, not here) record when
-- they finished and for which rule (a fingerprint), so a start-up finds in one lookup that
-- nothing is left. Written by the system role only; the application role has no grant.
CREATE TABLE backfills (
  name text PRIMARY KEY,
  fingerprint text NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now()
);
