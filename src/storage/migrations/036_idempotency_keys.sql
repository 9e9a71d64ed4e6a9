-- Idempotency keys ("never twice"): a create request carrying an Idempotency-Key is done once per
-- user and key; a repeat (double click, retry) gets the first response replayed. The stored response
-- may hold personal data, so it is encrypted under the organisation's data key (response_enc). The
-- request itself is kept only as a SHA-256 hash, to refuse the same key for a different request.
-- Keys expire after 24 hours (the scheduled job "idempotency.purge").
CREATE TABLE idempotency_keys (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  key text NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{1,100}$'),
  method text NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH')),
  route text NOT NULL CHECK (length(route) BETWEEN 1 AND 300),
  request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  state text NOT NULL DEFAULT 'in_progress' CHECK (state IN ('in_progress', 'completed')),
  status_code integer CHECK (status_code BETWEEN 100 AND 599),
  response_enc text CHECK (response_enc LIKE 'enc1.%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (organisation_id, user_id, key),
  CHECK ((state = 'completed') = (status_code IS NOT NULL AND response_enc IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_tenant ON idempotency_keys TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ariadne_app;
