-- Every status a report has had (DESIGN.md section 5): the first row is 'new' at creation.
CREATE TABLE report_history (
  report_id     TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at            TEXT NOT NULL,
  status        TEXT NOT NULL REFERENCES statuses (id),
  -- Shown to the reporter and the public.
  public_note   TEXT,
  -- Staff only.
  internal_note TEXT,
  -- The staff account that made the change; NULL for the citizen's creation (staff come later).
  staff_id      TEXT
) STRICT;

CREATE INDEX report_history_report ON report_history (report_id, at);
