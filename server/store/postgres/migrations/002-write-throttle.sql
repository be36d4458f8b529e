-- The per-minute write throttle shared by every instance (issue 16): one row per client key
-- and route, counting the hits in its current window. UNLOGGED: a burst guard need not survive
-- a crash nor reach a standby, and it is written at every citizen write, so it skips the WAL.
CREATE UNLOGGED TABLE write_throttle (
  key          text COLLATE "C" PRIMARY KEY,
  -- ms since the epoch
  window_start bigint NOT NULL,
  count        integer NOT NULL CHECK (count > 0)
);

CREATE INDEX write_throttle_window ON write_throttle (window_start);
