-- Attachments of a case (signed consent forms, ID scans, medical and legal documents, photos).
-- The file's bytes and its name are encrypted under the organisation's data key; the blob lives
-- in its own table, so listing attachments never reads a blob. A blob in the database works the
-- same on PGlite and PostgreSQL, and goes into backups with the rest of the case.
CREATE TABLE case_attachments (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  -- The case it belongs to; NULL for a copy a partner received with a referral (referral_id)
  -- until a transfer's acceptance makes it part of the partner's new case.
  case_id uuid,
  referral_id uuid REFERENCES referrals(id),
  category text NOT NULL CHECK (category IN ('consent_form', 'identity_document', 'medical', 'legal', 'photo', 'other')),
  file_name_enc text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'text/plain')),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  -- The consent record (a case entry) a signed consent form belongs to.
  consent_entry_id uuid,
  uploaded_by uuid REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  -- Voiding keeps the row (and the blob) for the history; it is no longer listed or downloaded.
  voided_at timestamptz,
  voided_by uuid REFERENCES users(id),
  void_reason_enc text,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id),
  CHECK (case_id IS NOT NULL OR referral_id IS NOT NULL),
  CHECK ((voided_at IS NULL) = (void_reason_enc IS NULL))
);
CREATE INDEX case_attachments_case ON case_attachments (organisation_id, case_id, uploaded_at);
CREATE INDEX case_attachments_referral ON case_attachments (organisation_id, referral_id) WHERE referral_id IS NOT NULL;

CREATE TABLE case_attachment_blobs (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  attachment_id uuid NOT NULL,
  -- AES-256-GCM ciphertext of the file under the organisation's data key (KeyRing.encryptBytes).
  content bytea NOT NULL,
  PRIMARY KEY (organisation_id, attachment_id),
  FOREIGN KEY (organisation_id, attachment_id) REFERENCES case_attachments (organisation_id, id)
);

ALTER TABLE case_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_attachment_blobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_attachments_tenant ON case_attachments TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
CREATE POLICY case_attachment_blobs_tenant ON case_attachment_blobs TO ariadne_app
  USING (organisation_id = app_current_organisation()) WITH CHECK (organisation_id = app_current_organisation());
GRANT SELECT, INSERT ON case_attachments, case_attachment_blobs TO ariadne_app;
-- Never rewritten: only voided (with its reason), or linked to the partner's new case on a transfer.
GRANT UPDATE (voided_at, voided_by, void_reason_enc, case_id) ON case_attachments TO ariadne_app;
