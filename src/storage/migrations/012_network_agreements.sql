-- Network agreements: an organisation proposes a network of at least three
-- organisations; each invited organisation must accept before the network gives
-- anyone access (referrals, directory, network-scope aggregates). The EX-CHANGE
-- network-mapping questionnaire is kept per organisation.

ALTER TABLE networks ADD COLUMN objectives text CHECK (char_length(objectives) <= 5000);
ALTER TABLE networks ADD COLUMN composition text[] NOT NULL DEFAULT '{}';
ALTER TABLE networks ADD COLUMN agreement_title text CHECK (char_length(agreement_title) <= 300);
-- The protocol or agreement itself (text or a reference to where it is kept).
ALTER TABLE networks ADD COLUMN agreement_document text CHECK (char_length(agreement_document) <= 100000);
ALTER TABLE networks ADD COLUMN proposed_by_organisation_id uuid REFERENCES organisations(id);

ALTER TABLE network_memberships ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active'));
ALTER TABLE network_memberships ADD COLUMN joined_at timestamptz;

-- Only accepted memberships count.
CREATE OR REPLACE FUNCTION app_current_networks() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT network_id FROM network_memberships WHERE organisation_id = app_current_organisation() AND status = 'active' $$;

-- Networks the current organisation has been invited to and not yet accepted.
CREATE FUNCTION app_invited_networks() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT network_id FROM network_memberships WHERE organisation_id = app_current_organisation() AND status = 'invited' $$;

-- Active partners in the current organisation's networks.
CREATE FUNCTION app_network_partners() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT organisation_id FROM network_memberships WHERE status = 'active' AND network_id IN (SELECT app_current_networks()) $$;

CREATE POLICY networks_invited ON networks FOR SELECT TO ariadne_app USING (id IN (SELECT app_invited_networks()));
CREATE POLICY network_memberships_invited ON network_memberships FOR SELECT TO ariadne_app USING (network_id IN (SELECT app_invited_networks()));
-- An organisation answers its own invitation.
CREATE POLICY network_memberships_answer ON network_memberships FOR UPDATE TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT UPDATE (status, joined_at) ON network_memberships TO ariadne_app;

DROP POLICY directory_read_network ON directory_entries;
CREATE POLICY directory_read_network ON directory_entries FOR SELECT TO ariadne_app
  USING (organisation_id = app_current_organisation() OR organisation_id IN (SELECT app_network_partners()));

CREATE TABLE questionnaire_responses (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  answers jsonb NOT NULL,
  submitted_by uuid REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX questionnaire_responses_latest ON questionnaire_responses (organisation_id, version DESC);
ALTER TABLE questionnaire_responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY questionnaire_responses_tenant ON questionnaire_responses TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON questionnaire_responses TO ariadne_app;
