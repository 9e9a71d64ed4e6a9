-- Free text is personal data (issue #13): the receiving organisation's reason for declining a
-- referral may describe her. It is sealed once for each organisation the referral names, under
-- that organisation's data key (the table has no organisation_id: the sender's copy follows
-- from_organisation_id, the receiver's to_organisation_id), so both read it and nobody else.
ALTER TABLE referrals ADD COLUMN decline_reason_from_enc text;
ALTER TABLE referrals ADD COLUMN decline_reason_to_enc text;
ALTER TABLE referrals ADD CONSTRAINT referrals_decline_reason_both_sides
  CHECK ((decline_reason_from_enc IS NULL) = (decline_reason_to_enc IS NULL));
-- The clear column stays only for rows written before this migration, which the start-up backfill
-- seals (it needs the keys, so SQL cannot do it here). NOT VALID: those rows are not checked now,
-- but every row inserted or updated from here on must hold no clear reason: nothing can write one
-- again, and an update of a row not yet sealed must seal it (only the backfill touches such rows).
ALTER TABLE referrals ADD CONSTRAINT referrals_decline_reason_sealed CHECK (decline_reason IS NULL) NOT VALID;
