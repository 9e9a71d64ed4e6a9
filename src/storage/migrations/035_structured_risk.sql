-- Structured risk (issue #16): the current risk level of a case, kept on the case so the case list
-- filters and sorts by it and the dashboard counts it without reading any record.
--
-- The current level is the level of the latest current (so never voided) `risk_assessment` record:
-- the latest assessment date, then the latest recorded. A trigger keeps it in the same transaction
-- as every write that can change it — a new assessment (the intake's, a re-assessment, a transfer's),
-- a revision (its old version retired, its new one inserted) and a void (the record retired) — so no
-- code path can forget it. The application reads the same rule from src/domain/cases/risk.ts.
ALTER TABLE cases ADD COLUMN current_risk_level text CHECK (current_risk_level ~ '^[a-z0-9][a-z0-9_]{0,63}$');
CREATE INDEX cases_current_risk_level ON cases (organisation_id, current_risk_level);

CREATE FUNCTION cases_refresh_current_risk_level() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET current_risk_level = (
    SELECT e.data->>'level' FROM case_entries e
    WHERE e.organisation_id = NEW.organisation_id AND e.case_id = NEW.case_id
      AND e.kind = 'risk_assessment' AND e.current
    ORDER BY e.data->>'assessedOn' DESC NULLS LAST, e.recorded_at DESC, e.id DESC
    LIMIT 1)
  WHERE organisation_id = NEW.organisation_id AND id = NEW.case_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER case_entries_current_risk_level AFTER INSERT OR UPDATE OF current ON case_entries
  FOR EACH ROW WHEN (NEW.kind = 'risk_assessment') EXECUTE FUNCTION cases_refresh_current_risk_level();

-- Backfill from the assessments already recorded (the intake's level until now was never shown again).
UPDATE cases c SET current_risk_level = (
  SELECT e.data->>'level' FROM case_entries e
  WHERE e.organisation_id = c.organisation_id AND e.case_id = c.id
    AND e.kind = 'risk_assessment' AND e.current
  ORDER BY e.data->>'assessedOn' DESC NULLS LAST, e.recorded_at DESC, e.id DESC
  LIMIT 1);
