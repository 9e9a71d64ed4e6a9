-- Foundation: tenants, staff identities, sessions, per-organisation keys and the audit chain.
-- Runs unchanged on PGlite and PostgreSQL.

-- The role every tenant-scoped transaction switches to (SET LOCAL ROLE), so that
-- row-level security applies even when the connection itself is the owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ariadne_app') THEN
    CREATE ROLE ariadne_app NOLOGIN;
  END IF;
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT ariadne_app TO %I', current_user);
EXCEPTION WHEN others THEN
  -- Already a member, or a superuser (who may SET ROLE to anything).
  NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO ariadne_app;

-- The current tenant of a transaction, or NULL outside a tenant context.
CREATE FUNCTION app_current_organisation() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('app.organisation_id', true), '')::uuid
$$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  country text CHECK (country ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Data and blind-index keys, wrapped by the master key. Never visible to the app role.
CREATE TABLE organisation_keys (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  purpose text NOT NULL CHECK (purpose IN ('data', 'index')),
  version integer NOT NULL CHECK (version > 0),
  wrapped_key text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, purpose, version)
);
CREATE UNIQUE INDEX organisation_keys_one_active
  ON organisation_keys (organisation_id, purpose) WHERE active;

CREATE TABLE users (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);
CREATE UNIQUE INDEX users_email_unique ON users (email);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE memberships (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
    'admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'
  ]::text[]),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only, hash-chained per organisation. Holds field NAMES only, never values.
CREATE TABLE audit_log (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  seq integer NOT NULL CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor_user_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  fields text[] NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (organisation_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (organisation_id, entity_type, entity_id);

-- Row-level security: the app role only ever sees its current organisation's rows.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisations_visible ON organisations FOR SELECT TO ariadne_app USING (true);

ALTER TABLE organisation_keys ENABLE ROW LEVEL SECURITY;

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY memberships_tenant ON memberships TO ariadne_app
  USING (organisation_id = app_current_organisation())
  WITH CHECK (organisation_id = app_current_organisation());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_tenant ON users TO ariadne_app
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id))
  WITH CHECK (true);
CREATE POLICY users_insert_home ON users AS RESTRICTIVE FOR INSERT TO ariadne_app
  WITH CHECK (organisation_id = app_current_organisation());

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_tenant ON audit_log TO ariadne_app
  USING (organisation_id = app_current_organisation())
  WITH CHECK (organisation_id = app_current_organisation());

GRANT SELECT ON organisations TO ariadne_app;
GRANT SELECT, INSERT, UPDATE ON users TO ariadne_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO ariadne_app;
-- No UPDATE or DELETE: the audit log is append-only for the application.
GRANT SELECT, INSERT ON audit_log TO ariadne_app;
