-- Every change made by staff, and every login attempt: who, when, what, before and after.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  -- NULL for a failed login to an unknown account.
  staff_id    TEXT REFERENCES staff (id),
  -- e.g. 'report.status', 'report.duplicate', 'report.create', 'unit.config', 'staff.create', 'login.success'.
  action      TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('report', 'unit', 'staff')),
  target_id   TEXT,
  -- The unit the target belongs to: admins read the entries of their subtree. NULL: national only.
  unit_id     TEXT REFERENCES units (id),
  before      TEXT CHECK (before IS NULL OR json_valid(before)),
  after       TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;

CREATE INDEX audit_log_unit ON audit_log (unit_id, seq);
