-- Withdrawal of her consent reaches referrals at once, and referral notes are encrypted.

-- A referral whose sharing consent she withdrew is closed to the partner: the snapshot is no
-- longer readable and it can no longer be accepted. The state lives on the referral itself, so
-- every server sees it at once and both sides see when it happened; a later re-grant does not
-- reopen it (a new referral is sent instead).
ALTER TABLE referrals DROP CONSTRAINT referrals_status_check;
ALTER TABLE referrals ADD CONSTRAINT referrals_status_check
  CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'consent_withdrawn'));
ALTER TABLE referrals ADD COLUMN consent_withdrawn_at timestamptz;
ALTER TABLE referrals ADD CONSTRAINT referrals_withdrawn_when CHECK ((status = 'consent_withdrawn') = (consent_withdrawn_at IS NOT NULL));

-- The receiver's tenant cannot read the sender's case records (RLS), yet it must know whether
-- the consent that allows it to read a snapshot still holds. This returns exactly the consent
-- events of that referral's case for that referral's receiver (codes and times, nothing else),
-- and only to one of the referral's two organisations.
CREATE FUNCTION app_referral_sharing_consents(p_referral uuid) RETURNS TABLE (action text, recorded_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT e.data->>'action', e.recorded_at
    FROM referrals r
    JOIN case_entries e ON e.organisation_id = r.from_organisation_id AND e.case_id = r.from_case_id
    WHERE r.id = p_referral
      AND app_current_organisation() IN (r.from_organisation_id, r.to_organisation_id)
      AND e.kind = 'consent' AND e.current
      AND e.data->>'purpose' = 'referral_sharing'
      AND e.data->>'partnerOrganisationId' = r.to_organisation_id::text
  $$;
GRANT EXECUTE ON FUNCTION app_referral_sharing_consents(uuid) TO ariadne_app;

-- Notes may describe her: encrypted under the writing organisation's data key. Rows written
-- before this migration keep their clear JSON until the backfill encrypts them (exactly one of
-- the two columns is set).
ALTER TABLE referral_notes ADD COLUMN data_enc text;
ALTER TABLE referral_notes ALTER COLUMN data DROP NOT NULL;
ALTER TABLE referral_notes ADD CONSTRAINT referral_notes_one_form CHECK ((data IS NULL) <> (data_enc IS NULL));
