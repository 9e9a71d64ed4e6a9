-- Corrections (issue #16): a revision of a record carries the reason she gave for it, and a record
-- saved by mistake is voided, never deleted.
-- * reason_enc: the correction's or the void's reason, free text sealed under the organisation's key.
-- * voided: the version that voided the record. It is never current, so every reader of the current
--   records (case view, agenda, statistics, outcomes, exports, referral snapshots) leaves it out by
--   construction; the record's history still shows it, with its reason.
ALTER TABLE case_entries ADD COLUMN reason_enc text;
ALTER TABLE case_entries ADD COLUMN voided boolean NOT NULL DEFAULT false;
ALTER TABLE case_entries ADD CONSTRAINT case_entries_voided_not_current CHECK (NOT (voided AND current));
CREATE INDEX case_entries_history ON case_entries (organisation_id, case_id, id, version);

-- The intake is edited with optimistic locking on its own version.
ALTER TABLE case_intakes ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
