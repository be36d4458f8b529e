-- "I see it too" (DESIGN.md glossary: confirmation). reports.confirmations keeps the count.
CREATE TABLE confirmations (
  report_id   TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  -- Keyed hash of the device token with the day's key (never the token itself).
  device_hash BLOB NOT NULL
) STRICT;

CREATE INDEX confirmations_report ON confirmations (report_id);
