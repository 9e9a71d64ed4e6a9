-- Differentially private releases of network statistics. Each network has a
-- privacy budget (a total epsilon); every noisy release spends part of it and is
-- stored with its numbers, so asking for the same release again returns the same
-- noisy numbers instead of spending more. Releases are append-only; members of
-- the network read the whole ledger. The noise seed is never stored.

ALTER TABLE networks ADD COLUMN privacy_budget numeric NOT NULL DEFAULT 3 CHECK (privacy_budget > 0 AND privacy_budget <= 100);

CREATE TABLE privacy_releases (
  network_id uuid NOT NULL REFERENCES networks(id),
  release_key text NOT NULL CHECK (release_key ~ '^rk_[0-9a-f]{64}$'),
  -- The member organisation that asked for the release.
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  requested_by uuid REFERENCES users(id),
  epsilon numeric NOT NULL CHECK (epsilon > 0),
  mechanism text NOT NULL CHECK (mechanism IN ('geometric', 'laplace')),
  query jsonb NOT NULL,
  published jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, release_key)
);
CREATE INDEX privacy_releases_ledger ON privacy_releases (network_id, created_at);

ALTER TABLE privacy_releases ENABLE ROW LEVEL SECURITY;
CREATE POLICY privacy_releases_read ON privacy_releases FOR SELECT TO ariadne_app
  USING (network_id IN (SELECT app_current_networks()));
CREATE POLICY privacy_releases_spend ON privacy_releases FOR INSERT TO ariadne_app
  WITH CHECK (network_id IN (SELECT app_current_networks()) AND organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON privacy_releases TO ariadne_app;
