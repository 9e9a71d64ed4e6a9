-- Progress of background jobs (linkage runs today), readable from any server. The queue itself
-- (claiming, heart-beats, retries, schedules) is pg-boss's, in its own schema "pgboss", created
-- and upgraded by pg-boss when the first job starts. One row per pg-boss job id; counts and codes
-- only, never personal data.
CREATE TABLE job_progress (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z_.]{1,64}$'),
  -- The organisation that started it (its partners may read the summary); null for scheduled work.
  organisation_id uuid REFERENCES organisations(id),
  state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  phase text NOT NULL,
  done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  -- Which attempt wrote the progress: a retry after a lost worker starts again from 0.
  attempt integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  summary jsonb,
  error_code text CHECK (error_code ~ '^[a-z_.]{1,64}$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_progress_kind ON job_progress (kind, started_at DESC);

-- Written and read as the system only (a summary names several organisations): no grant to ariadne_app.
ALTER TABLE job_progress ENABLE ROW LEVEL SECURITY;
