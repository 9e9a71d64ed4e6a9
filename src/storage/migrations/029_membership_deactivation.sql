-- One organisation must not be able to lock a person out of the others.
--
-- A person may belong to several organisations (memberships); her account (users) belongs to one,
-- its home (users.organisation_id). Deactivation is now per membership: an organisation's
-- administrator ends her access to that organisation only. The account as a whole (users.active,
-- her name, her password and second factor) stays the home organisation's to change; when the home
-- organisation deactivates the account, she is out of every organisation.
ALTER TABLE memberships ADD COLUMN active boolean NOT NULL DEFAULT true;

-- The users policy lets the application role update any account it can see (WITH CHECK (true)):
-- every organisation she belongs to sees her row. Below the application, this trigger holds the
-- account's global fields for its home organisation. As the application role:
--   * organisation_id (the home) never changes;
--   * display_name, active, the password columns and the TOTP columns change only when the
--     transaction's organisation (app.organisation_id) is her home, or when the transaction acts
--     for her herself (app.user_id: self-service password and second factor).
-- Membership state (roles, on duty, active) lives in memberships, which RLS already confines to the
-- current organisation; login counters, lockouts and unlocks stay open to every organisation she
-- works in. The connection's own role (login, migrations, admin commands) is not restricted.
CREATE FUNCTION users_guard_global_fields() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  acting_org text := NULLIF(current_setting('app.organisation_id', true), '');
  acting_user text := NULLIF(current_setting('app.user_id', true), '');
BEGIN
  IF current_user <> 'ariadne_app' THEN
    RETURN NEW;
  END IF;
  IF NEW.organisation_id IS DISTINCT FROM OLD.organisation_id THEN
    RAISE EXCEPTION 'the home organisation of an account cannot be changed'
      USING ERRCODE = '42501';
  END IF;
  IF (NEW.display_name IS DISTINCT FROM OLD.display_name
      OR NEW.active IS DISTINCT FROM OLD.active
      OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
      OR NEW.must_change_password IS DISTINCT FROM OLD.must_change_password
      OR NEW.password_changed_at IS DISTINCT FROM OLD.password_changed_at
      OR NEW.totp_secret_enc IS DISTINCT FROM OLD.totp_secret_enc
      OR NEW.totp_enabled IS DISTINCT FROM OLD.totp_enabled
      OR NEW.totp_last_step IS DISTINCT FROM OLD.totp_last_step)
     AND acting_org IS DISTINCT FROM OLD.organisation_id::text
     AND acting_user IS DISTINCT FROM OLD.id::text THEN
    RAISE EXCEPTION 'only the home organisation of an account, or its owner, changes its global fields'
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER users_guard_global_fields BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_guard_global_fields();
