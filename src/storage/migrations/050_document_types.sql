-- Issue #17: an attachment's category is a code of the organisation's document_types list (seeded
-- with the six former values), checked by the service like every coded field; the database keeps
-- only the shape of a code.
ALTER TABLE case_attachments DROP CONSTRAINT case_attachments_category_check;
ALTER TABLE case_attachments ADD CONSTRAINT case_attachments_category_code CHECK (category ~ '^[a-z0-9][a-z0-9_]{0,63}$');
