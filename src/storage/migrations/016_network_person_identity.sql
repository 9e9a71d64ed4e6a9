-- Persons, not cases: a network person identity that travels with her.
-- Each person row gets an opaque network identity; a referral carries the sender's
-- value and a transfer gives it to the receiver's new person row, so network
-- statistics count her once even before (or without) record linkage. The value
-- is random and reveals nothing about her; linkage clusters are unified with it.
ALTER TABLE persons ADD COLUMN network_person_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE INDEX persons_network_person ON persons (organisation_id, network_person_id);

ALTER TABLE referrals ADD COLUMN network_person_id uuid;
