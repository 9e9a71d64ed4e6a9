-- Offline field work (issue #18), the server side of sync.
--
-- sync_devices: each device a worker registered for offline use. Its data key is never stored: the
-- server derives it from the organisation's data key, the user, the device and key_epoch, and hands it
-- to a valid session only. Revoking a device (or deactivating her membership) refuses the key, so the
-- device wipes its store. A new epoch makes a new key.
CREATE TABLE sync_devices (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  device_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  label text CHECK (char_length(label) <= 80),
  registered_at timestamptz NOT NULL DEFAULT now(),
  last_sync_at timestamptz,
  key_epoch integer NOT NULL DEFAULT 1 CHECK (key_epoch > 0),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  PRIMARY KEY (organisation_id, device_id)
);
CREATE INDEX sync_devices_user ON sync_devices (organisation_id, user_id);

-- Every change a device pushed, by its idempotency key: a replay returns the first result and applies
-- nothing twice. The result holds ids, statuses, field names and error codes only (no personal data);
-- NULL while the first push of the key is still being applied.
CREATE TABLE sync_changes (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  key text NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{1,100}$'),
  device_id uuid NOT NULL,
  result jsonb CHECK (result IS NULL OR jsonb_typeof(result) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id, key)
);

-- The conflict queue: the fields of one offline change that both sides changed (or a protected field
-- changed on an outdated base), with the base, the device's and the server's values, sealed under the
-- organisation's data key (they are her record's content). A person resolves each field.
CREATE TABLE sync_conflicts (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL,
  entry_id uuid,
  -- The record kind of an entry conflict; NULL for the case's own fields.
  kind text CHECK (kind ~ '^[a-z][a-z_]{0,40}$'),
  device_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  change_key text NOT NULL CHECK (change_key ~ '^[A-Za-z0-9_-]{1,100}$'),
  fields text[] NOT NULL CHECK (cardinality(fields) > 0),
  base_enc text NOT NULL CHECK (base_enc LIKE 'enc1.%'),
  mine_enc text NOT NULL CHECK (mine_enc LIKE 'enc1.%'),
  theirs_enc text NOT NULL CHECK (theirs_enc LIKE 'enc1.%'),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_by uuid REFERENCES users(id),
  resolved_at timestamptz,
  resolution_enc text CHECK (resolution_enc LIKE 'enc1.%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id),
  CHECK ((status = 'resolved') = (resolved_by IS NOT NULL AND resolved_at IS NOT NULL AND resolution_enc IS NOT NULL))
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (organisation_id, status, case_id);

-- When a device locks its store after inactivity and wipes it without sync (organisation settings).
ALTER TABLE organisations
  ADD COLUMN sync_lock_after_minutes integer NOT NULL DEFAULT 15 CHECK (sync_lock_after_minutes BETWEEN 1 AND 1440),
  ADD COLUMN sync_wipe_after_days integer NOT NULL DEFAULT 7 CHECK (sync_wipe_after_days BETWEEN 1 AND 90);

ALTER TABLE sync_devices ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_devices_tenant ON sync_devices TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON sync_devices TO ariadne_app;

ALTER TABLE sync_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_changes_tenant ON sync_changes TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_changes TO ariadne_app;

ALTER TABLE sync_conflicts ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_conflicts_tenant ON sync_conflicts TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE ON sync_conflicts TO ariadne_app;
