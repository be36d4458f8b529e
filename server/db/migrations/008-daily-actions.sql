-- The one-civic-action-per-device-per-day rule (DESIGN.md section 6): one row per device key
-- and one per network key for every report or confirmation. Keys are HMAC-SHA256 hashes under
-- a key that changes every UTC day; raw IPs and device tokens are never stored. Rows older
-- than 24 hours are pruned.
CREATE TABLE daily_actions (
  key_hash BLOB NOT NULL CHECK (length(key_hash) = 32),
  kind     TEXT NOT NULL CHECK (kind IN ('device', 'network')),
  action   TEXT NOT NULL CHECK (action IN ('report', 'confirmation')),
  at       TEXT NOT NULL
) STRICT;

CREATE INDEX daily_actions_key ON daily_actions (key_hash, at);
CREATE INDEX daily_actions_at ON daily_actions (at);
