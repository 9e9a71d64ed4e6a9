-- Warm hand-offs of hotline contacts (issue #18): a central post routes a call to a local post of
-- one of its networks. A sharing table between exactly two organisations, like referrals: the row is
-- visible to the two it names and to no one else. What crosses is coarse and named column by column
-- (channel, time, place, language, needs, what was given); her nickname and note cross ONLY when she
-- agreed (identity_shared), sealed under the RECEIVER's data key, and are erased at once when she
-- withdraws that agreement before the receiver accepted. Accepting creates a contact in the
-- receiver's own log, linked here (to_contact_id).
CREATE TABLE contact_handoffs (
  id uuid PRIMARY KEY,
  network_id uuid NOT NULL REFERENCES networks(id),
  from_organisation_id uuid NOT NULL REFERENCES organisations(id),
  to_organisation_id uuid NOT NULL REFERENCES organisations(id),
  contact_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hotline_call', 'outreach', 'drop_in', 'message')),
  place_level text NOT NULL CHECK (place_level IN ('municipality', 'outreach_route')),
  place text NOT NULL CHECK (char_length(place) BETWEEN 1 AND 120),
  language text CHECK (char_length(language) <= 20),
  interpreter_used boolean NOT NULL DEFAULT false,
  needs text[] NOT NULL DEFAULT '{}',
  provided text[] NOT NULL DEFAULT '{}',
  -- Her agreement to share who she is (nickname, what she told): without it, nothing sealed crosses.
  identity_shared boolean NOT NULL DEFAULT false,
  identity_enc text,
  identity_withdrawn_at timestamptz,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  answered_at timestamptz,
  answered_by uuid REFERENCES users(id),
  decline_reason text CHECK (decline_reason IN ('no_capacity', 'outside_territory', 'language_not_covered', 'service_not_offered', 'other')),
  to_contact_id uuid,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  CHECK (from_organisation_id <> to_organisation_id),
  CHECK (identity_shared OR identity_enc IS NULL),
  CHECK ((status = 'pending') = (answered_at IS NULL)),
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
  CHECK ((status = 'accepted') = (to_contact_id IS NOT NULL)),
  FOREIGN KEY (from_organisation_id, contact_id) REFERENCES contacts (organisation_id, id),
  FOREIGN KEY (to_organisation_id, to_contact_id) REFERENCES contacts (organisation_id, id)
);
CREATE INDEX contact_handoffs_from ON contact_handoffs (from_organisation_id, created_at DESC);
CREATE INDEX contact_handoffs_to ON contact_handoffs (to_organisation_id, created_at DESC);
-- One open hand-off per contact: a call is handed to one post at a time.
CREATE UNIQUE INDEX contact_handoffs_one_pending ON contact_handoffs (contact_id) WHERE status = 'pending';

ALTER TABLE contact_handoffs ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_handoffs_parties ON contact_handoffs TO ariadne_app
  USING (from_organisation_id = app_current_organisation() OR to_organisation_id = app_current_organisation())
  WITH CHECK (from_organisation_id = app_current_organisation() OR to_organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON contact_handoffs TO ariadne_app;
-- Answered once (status, who, when, reason, the receiver's contact); her agreement withdrawn (the sealed copy erased).
GRANT UPDATE (status, answered_at, answered_by, decline_reason, to_contact_id, identity_shared, identity_enc,
  identity_withdrawn_at, version) ON contact_handoffs TO ariadne_app;

-- The receiving post's duty users hear of an incoming hand-off (codes and ids only).
ALTER TABLE notifications ADD COLUMN handoff_id uuid REFERENCES contact_handoffs(id);
