-- In-app notifications, e.g. a referral arriving for the receiving organisation's
-- duty users. They carry codes and ids only, never personal data.

-- Staff on duty receive incoming referrals; without anyone on duty, everyone who can answer does.
ALTER TABLE memberships ADD COLUMN on_duty boolean NOT NULL DEFAULT false;

CREATE TABLE notifications (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z_.]{1,64}$'),
  referral_id uuid REFERENCES referrals(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX notifications_user ON notifications (organisation_id, user_id, created_at DESC);

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY notifications_tenant ON notifications TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON notifications TO ariadne_app;
