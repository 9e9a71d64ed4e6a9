-- Networks and referrals: the only ways data crosses organisations. A
-- referral row is visible to exactly its two organisations; the shared
-- snapshot is encrypted under the receiver's key; notes stay with their writer.

CREATE TABLE networks (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  formal boolean NOT NULL,
  level text NOT NULL CHECK (level IN ('municipal', 'provincial', 'regional', 'national', 'international')),
  structure text NOT NULL CHECK (structure IN ('lead_and_partners', 'rotating_leadership', 'no_formal_structure', 'other')),
  multi_agency boolean NOT NULL DEFAULT true,
  agreement_from date,
  agreement_to date,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE network_memberships (
  network_id uuid NOT NULL REFERENCES networks(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  lead boolean NOT NULL DEFAULT false,
  PRIMARY KEY (network_id, organisation_id)
);

CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  network_id uuid NOT NULL REFERENCES networks(id),
  from_organisation_id uuid NOT NULL REFERENCES organisations(id),
  to_organisation_id uuid NOT NULL REFERENCES organisations(id),
  from_case_id uuid NOT NULL,
  to_case_id uuid,
  kind text NOT NULL CHECK (kind IN ('referral', 'transfer')),
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'completed')),
  requested_service text NOT NULL,
  shared_sections text[] NOT NULL,
  -- The shared snapshot, encrypted under the receiving organisation's data key.
  snapshot_enc text NOT NULL,
  decline_reason text CHECK (char_length(decline_reason) <= 500),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (from_organisation_id <> to_organisation_id),
  FOREIGN KEY (from_organisation_id, from_case_id) REFERENCES cases (organisation_id, id)
);
CREATE INDEX referrals_from ON referrals (from_organisation_id, created_at DESC);
CREATE INDEX referrals_to ON referrals (to_organisation_id, created_at DESC);

CREATE TABLE referral_notes (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  referral_id uuid NOT NULL REFERENCES referrals(id),
  kind text NOT NULL CHECK (kind IN ('note', 'service')),
  data jsonb NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);

-- The current organisation's networks, read past RLS so the policies below need not query themselves.
CREATE FUNCTION app_current_networks() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT network_id FROM network_memberships WHERE organisation_id = app_current_organisation() $$;

ALTER TABLE networks ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_notes ENABLE ROW LEVEL SECURITY;
-- Members see their networks and who else is in them.
CREATE POLICY networks_member ON networks FOR SELECT TO ariadne_app USING (id IN (SELECT app_current_networks()));
CREATE POLICY network_memberships_member ON network_memberships FOR SELECT TO ariadne_app USING (network_id IN (SELECT app_current_networks()));
CREATE POLICY referrals_parties ON referrals TO ariadne_app
  USING (from_organisation_id = app_current_organisation() OR to_organisation_id = app_current_organisation())
  WITH CHECK (from_organisation_id = app_current_organisation() OR to_organisation_id = app_current_organisation());
CREATE POLICY referral_notes_tenant ON referral_notes TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT ON networks, network_memberships TO ariadne_app;
GRANT SELECT, INSERT, UPDATE ON referrals TO ariadne_app;
GRANT SELECT, INSERT ON referral_notes TO ariadne_app;
