-- Deadline reminders (the scheduled job "deadlines.remind"): a case owner is told in-app of her
-- open cases' overdue and soon-due agenda items. Still codes and ids only: the case's id, the
-- agenda kind (detail, e.g. review_due) and the due date, never the case's content.
ALTER TABLE notifications ADD COLUMN case_id uuid;
ALTER TABLE notifications ADD COLUMN due_date date;
ALTER TABLE notifications ADD COLUMN detail text CHECK (detail ~ '^[a-z_]{1,64}$');
ALTER TABLE notifications ADD CONSTRAINT notifications_case_fk
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id);

-- The same reminder is sent once, however often the job runs (or is retried).
CREATE UNIQUE INDEX notifications_reminder_once
  ON notifications (organisation_id, user_id, kind, case_id, detail, due_date) WHERE case_id IS NOT NULL;
