-- Accounts and sessions (issue #14).
-- A TOTP code is accepted once: the last accepted time step is kept per user and
-- only a later step is accepted. An administrator's temporary password must be
-- replaced at the next login.
ALTER TABLE users ADD COLUMN totp_last_step integer;
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

-- Expired and idle sessions are purged on login; these indexes keep that cheap.
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_last_seen_at ON sessions (last_seen_at);

-- Failed logins for an email that has no account belong to no organisation, so
-- they cannot go into any organisation's audit chain. They are counted per day
-- (no address, no email) so operators can see guessing campaigns.
CREATE TABLE login_failures_unknown (
  day date PRIMARY KEY,
  attempts integer NOT NULL CHECK (attempts > 0)
);
ALTER TABLE login_failures_unknown ENABLE ROW LEVEL SECURITY;

-- An administrator who adds a person whose email already has an account in
-- another organisation invites that account instead: the answer looks like any
-- creation (it must not reveal the other organisation's staff), and the person
-- becomes a member only when she accepts.
CREATE TABLE membership_invitations (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
    'admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'
  ]::text[]),
  invited_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX membership_invitations_user ON membership_invitations (user_id);
ALTER TABLE membership_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY membership_invitations_tenant ON membership_invitations TO ariadne_app
  USING (organisation_id = app_current_organisation())
  WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE, DELETE ON membership_invitations TO ariadne_app;
