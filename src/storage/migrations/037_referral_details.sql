-- What a referral asks for, beyond the service (issue #16): a message to the partner, an urgency and
-- the day it is needed by. The message is free text that may describe her: sealed once for each
-- organisation the referral names, under that organisation's data key (like the decline reason,
-- migration 027), so both read it and nobody else. Urgency and date are codes and dates, in clear,
-- so the list can sort and filter by them.
ALTER TABLE referrals ADD COLUMN message_from_enc text;
ALTER TABLE referrals ADD COLUMN message_to_enc text;
ALTER TABLE referrals ADD CONSTRAINT referrals_message_both_sides
  CHECK ((message_from_enc IS NULL) = (message_to_enc IS NULL));
ALTER TABLE referrals ADD COLUMN urgency text NOT NULL DEFAULT 'routine'
  CHECK (urgency IN ('routine', 'urgent', 'emergency'));
ALTER TABLE referrals ADD COLUMN requested_by date;
