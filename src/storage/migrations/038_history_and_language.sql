-- History you can read, and the language on the server (issue #16).
--
-- Her language is stored with her account, not in one browser: the web applies it at login on any
-- browser, and the server writes its own texts (statistics notes, MSE notes) in it. NULL: none chosen,
-- the request's Accept-Language decides. A code only (e.g. 'fr'), checked against the shipped
-- languages by the service; the trigger of migration 029 does not guard it, so she sets it from any
-- organisation she works in.
ALTER TABLE users ADD COLUMN preferred_locale text
  CHECK (preferred_locale IS NULL OR preferred_locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');

-- The audit page pages and filters by user and by action within one organisation, newest first.
CREATE INDEX audit_log_actor ON audit_log (organisation_id, actor_user_id, id);
CREATE INDEX audit_log_action ON audit_log (organisation_id, action, id);
