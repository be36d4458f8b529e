-- E-mail notifications (issue 14): staff addresses and choices, the outgoing mail queue, and the
-- citizen's optional address for status updates (kept only until the report's final status).

-- NULL: no address, no mail. The account's language words its mails.
ALTER TABLE staff ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
ALTER TABLE staff ADD COLUMN mail_lang TEXT NOT NULL DEFAULT 'pl' CHECK (mail_lang IN ('pl', 'en', 'uk'));
-- An e-mail for each new report in the account's units.
ALTER TABLE staff ADD COLUMN notify_new_reports INTEGER NOT NULL DEFAULT 0 CHECK (notify_new_reports IN (0, 1));
-- A daily digest of the reports near or past the read/verify deadlines.
ALTER TABLE staff ADD COLUMN notify_digest INTEGER NOT NULL DEFAULT 0 CHECK (notify_digest IN (0, 1));

-- Mails waiting, sent, or given up on. Queued in the same database as the change that causes
-- them, sent by a background worker with retries: an SMTP server that is down never blocks or
-- fails a report.
CREATE TABLE mail_queue (
  id              INTEGER PRIMARY KEY,
  -- 'new_report', 'digest', 'status_change' (to a citizen).
  kind            TEXT NOT NULL,
  -- The address; a citizen's is blanked once the mail is sent or given up on.
  recipient       TEXT NOT NULL,
  staff_id        TEXT REFERENCES staff (id) ON DELETE CASCADE,
  report_id       TEXT,
  subject         TEXT NOT NULL,
  text            TEXT NOT NULL,
  html            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at         TEXT,
  -- Set when the retries are used up; admins see these as delivery failures.
  failed_at       TEXT,
  last_error      TEXT
) STRICT;

CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- How far the mail worker has read: the last report (reports.seq) announced to staff. Digests
-- sent, per account and day.
CREATE TABLE mail_watermarks (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE mail_digests (
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  day      TEXT NOT NULL,
  PRIMARY KEY (staff_id, day)
) STRICT, WITHOUT ROWID;

-- The citizen's address for status updates: never served by any API, deleted (with the tracking
-- link its mails carry, token included) in the same transaction as the change to a final status.
CREATE TABLE report_contacts (
  report_id    TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  email        TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  lang         TEXT NOT NULL DEFAULT 'pl' CHECK (lang IN ('pl', 'en', 'uk')),
  tracking_url TEXT NOT NULL,
  created_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Start from now: nothing that happened before the upgrade is mailed.
INSERT INTO mail_watermarks (name, value) VALUES ('reports', (SELECT coalesce(max(seq), 0) FROM reports));
