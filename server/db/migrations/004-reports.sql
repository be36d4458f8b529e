-- Reports (DESIGN.md section 6). Times everywhere are ISO 8601 UTC strings with milliseconds
-- ('2025-05-01T18:30:00.000Z', JavaScript's toISOString), which sort as text in time order.
CREATE TABLE reports (
  -- Internal row number: the R*Tree below keys on it (an R*Tree id must be an integer).
  seq           INTEGER PRIMARY KEY,
  -- Public id: 10 random Crockford base32 characters, not sequential.
  id            TEXT NOT NULL UNIQUE CHECK (length(id) = 10),
  unit_id       TEXT NOT NULL REFERENCES units (id),
  category      TEXT NOT NULL REFERENCES categories (code),
  status        TEXT NOT NULL DEFAULT 'new' REFERENCES statuses (id),
  source        TEXT NOT NULL DEFAULT 'citizen' CHECK (source IN ('citizen', 'debate', 'contact', 'police')),
  -- Exact WGS84 coordinates; the R*Tree holds float32 copies and is only an index.
  lon           REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat           REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  -- Plain text for staff only (citizens write names and plates into it); never served publicly.
  description   TEXT CHECK (length(description) <= 500),
  event_at      TEXT,
  -- {"days": [...], "times": [...]} or NULL.
  recurrence    TEXT CHECK (recurrence IS NULL OR json_valid(recurrence)),
  -- SHA-256 of the tracking token: a stolen database does not reveal working tokens.
  tracking_hash BLOB NOT NULL CHECK (length(tracking_hash) = 32),
  created_at    TEXT NOT NULL,
  -- Time of the last status change (visibility windows count from it).
  updated_at    TEXT NOT NULL,
  confirmations INTEGER NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
  -- 1 for synthetic demo reports (npm run seed:demo), so they can be told apart and removed.
  demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
) STRICT;

CREATE INDEX reports_unit_created ON reports (unit_id, created_at);
CREATE INDEX reports_status ON reports (status);
CREATE INDEX reports_demo ON reports (demo) WHERE demo = 1;

-- Spatial index of report points (a point is a zero-size box).
CREATE VIRTUAL TABLE reports_rtree USING rtree (seq, min_lon, max_lon, min_lat, max_lat);

-- Triggers keep the index in step with the table inside the same transaction.
CREATE TRIGGER reports_rtree_insert AFTER INSERT ON reports BEGIN
  INSERT INTO reports_rtree (seq, min_lon, max_lon, min_lat, max_lat) VALUES (new.seq, new.lon, new.lon, new.lat, new.lat);
END;
CREATE TRIGGER reports_rtree_move AFTER UPDATE OF lon, lat ON reports BEGIN
  UPDATE reports_rtree SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat WHERE seq = new.seq;
END;
CREATE TRIGGER reports_rtree_delete AFTER DELETE ON reports BEGIN
  DELETE FROM reports_rtree WHERE seq = old.seq;
END;
