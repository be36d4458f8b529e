-- Staff accounts (DESIGN.md glossary: staff), each scoped to one unit and every unit under it.
CREATE TABLE staff (
  -- Random opaque id (not sequential), referenced by report_history.staff_id and the audit log.
  id            TEXT PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login) BETWEEN 2 AND 64),
  display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  role          TEXT NOT NULL CHECK (role IN ('officer', 'admin')),
  unit_id       TEXT NOT NULL REFERENCES units (id),
  -- 'scrypt$N$r$p$salt$hash' (base64url parts): the parameters travel with the hash so they can grow.
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  -- Set when the account is disabled; a disabled account cannot log in and its sessions end.
  disabled_at   TEXT
) STRICT;

CREATE INDEX staff_unit ON staff (unit_id);

-- Server-side sessions: the cookie holds a random id, the table only its SHA-256, so a copy
-- of the database does not yield working sessions.
CREATE TABLE staff_sessions (
  id_hash          BLOB PRIMARY KEY CHECK (length(id_hash) = 32),
  staff_id         TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at       TEXT NOT NULL,
  -- Moves forward on use (idle limit); never beyond absolute_expires_at.
  idle_expires_at  TEXT NOT NULL,
  absolute_expires_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Failed logins, kept for the throttling window only: key is 'account:<login>' or
-- 'network:<keyed hash of the IPv4 address or IPv6 /64>' (never a raw IP).
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
) STRICT;

CREATE INDEX login_failures_key ON login_failures (key, at);
