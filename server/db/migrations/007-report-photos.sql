-- Photos of a report, metadata already stripped, for staff only. BLOBs in the same file keep
-- a report and its photos in one transaction and one backup.
CREATE TABLE report_photos (
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL CHECK (ordinal BETWEEN 1 AND 3),
  mime      TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes     BLOB NOT NULL,
  PRIMARY KEY (report_id, ordinal)
) STRICT;
