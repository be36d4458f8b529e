-- Secrets the server generates once and keeps (e.g. the HMAC secret of the daily rule when
-- KMZB_SECRET is not set), so hashes stay comparable across restarts.
CREATE TABLE server_secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
) STRICT;
