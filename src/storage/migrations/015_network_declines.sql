-- A declined invitation stays on record, with when it was answered, so the proposing
-- organisation sees the answer instead of a member silently vanishing. Like an open
-- invitation it gives no access: every access path requires status 'active'.
ALTER TABLE network_memberships DROP CONSTRAINT network_memberships_status_check;
ALTER TABLE network_memberships ADD CONSTRAINT network_memberships_status_check CHECK (status IN ('invited', 'active', 'declined'));
ALTER TABLE network_memberships ADD COLUMN answered_at timestamptz;
GRANT UPDATE (answered_at) ON network_memberships TO ariadne_app;
