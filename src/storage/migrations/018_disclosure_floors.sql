-- Disclosure threshold floors. Each organisation, and each network for reports
-- over its members, sets the smallest small-cell threshold it accepts; a report
-- request may ask for a higher threshold but never a lower one. Network reports
-- use the strictest floor of the networks and members involved.

ALTER TABLE organisations ADD COLUMN disclosure_threshold_floor integer NOT NULL DEFAULT 5
  CHECK (disclosure_threshold_floor BETWEEN 2 AND 20);
ALTER TABLE networks ADD COLUMN disclosure_threshold_floor integer NOT NULL DEFAULT 5
  CHECK (disclosure_threshold_floor BETWEEN 2 AND 20);

-- Administrators change their own organisation's floor and nothing else of the row
-- (column privilege), and only their own organisation (row policy).
GRANT UPDATE (disclosure_threshold_floor) ON organisations TO ariadne_app;
CREATE POLICY organisations_floor_own ON organisations FOR UPDATE TO ariadne_app
  USING (id = app_current_organisation())
  WITH CHECK (id = app_current_organisation());
