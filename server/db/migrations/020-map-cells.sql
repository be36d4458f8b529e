-- The public map's clusters at any filter without scanning millions of reports (issue 17).
-- map_cells counts the reports of every base-grid cell (grid_x/grid_y of migration 017: the
-- clusters' cells at zoom 8), unit, status and category, per creation period: 'A' (all time),
-- 'Y2025', 'M2025-05' and 'D2025-05-01' (UTC). A period of a query is summed from whole
-- years, months and days (or all time minus the rest, whichever reads fewer rows); a partial
-- day at its ends is read from the reports. Key order: a filter on statuses and categories
-- seeks straight to its rows, so the most selective questions are the cheapest.
-- Counted are the statuses the public sees for ever ('new', 'verifying', 'confirmed',
-- 'forwarded': PUBLIC_WINDOW 'always' in reports/visibility.ts, a test checks they agree) and
-- the statuses shown for some days after their last change (eliminated 30, not_confirmed 7)
-- while a report is inside its window as of map_cuts.cut: the map's sweep (report-map plugin,
-- every minute) moves the cut on and takes out what left the window, and an answer corrects
-- for the minute since from the reports (reports_status_updated). prank and hidden are never
-- shown. Category visibility is applied when reading, as on the raw rows.
-- Sums of coordinates are in whole micro-degrees, so adding and subtracting stays exact.
-- updated_max only grows (a maximum cannot be decremented): the newest change the cell has
-- seen, which the answer's Last-Modified uses.
-- Triggers keep it exact in the same transaction as every report write, whoever writes.
CREATE TABLE map_cells (
  period      TEXT NOT NULL,
  status      TEXT NOT NULL,
  category    TEXT NOT NULL,
  gx          INTEGER NOT NULL,
  gy          INTEGER NOT NULL,
  unit_id     TEXT NOT NULL,
  n           INTEGER NOT NULL,
  sum_lon     INTEGER NOT NULL,
  sum_lat     INTEGER NOT NULL,
  updated_max TEXT NOT NULL,
  PRIMARY KEY (period, status, category, gx, gy, unit_id)
) STRICT, WITHOUT ROWID;

-- Per windowed status: its window, and the time from which its reports are in map_cells.
CREATE TABLE map_cuts (
  status      TEXT PRIMARY KEY,
  window_days INTEGER NOT NULL,
  cut         TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The windowed statuses' recent reports (the sweep, the correction, their points), with
-- every column their cell groups read.
CREATE INDEX reports_status_updated ON reports (status, updated_at, category, created_at, unit_id, lon, lat);
-- Points of a selective question (few categories and statuses, a period), found without
-- scanning for 2,001 matches: one seek per category and status, and the rest of the filter
-- (unit, box, window) tested on the index before any table row is read.
CREATE INDEX reports_filter ON reports (category, status, created_at, updated_at, unit_id, lon, lat);

-- backfill:begin (bench/national-data.ts reruns this part after a bulk load)
DELETE FROM map_cuts;
INSERT INTO map_cuts (status, window_days, cut) VALUES
  ('eliminated', 30, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')),
  ('not_confirmed', 7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7 days'));
-- Days first (one sort of the reports), then months, years and all time from the days. Each
-- GROUP BY is in key order, so the rows go into map_cells in key order (appended).
CREATE TEMP TABLE map_cells_days AS
  SELECT 'D' || substr(created_at, 1, 10) AS period, status, category, grid_x AS gx, grid_y AS gy, unit_id, count(*) AS n,
    sum(CAST(round(lon * 1000000) AS INTEGER)) AS sum_lon, sum(CAST(round(lat * 1000000) AS INTEGER)) AS sum_lat,
    max(updated_at) AS updated_max
  FROM reports WHERE (reports.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR reports.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = reports.status))
  GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT 'A', status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
  FROM map_cells_days GROUP BY 2, 3, 4, 5, 6;
INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT * FROM map_cells_days ORDER BY 1, 2, 3, 4, 5, 6;
INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT 'M' || substr(period, 2, 7), status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
  FROM map_cells_days GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT 'Y' || substr(period, 2, 4), status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
  FROM map_cells_days GROUP BY 1, 2, 3, 4, 5, 6;
DROP TABLE map_cells_days;
-- backfill:end

CREATE TRIGGER map_cells_insert AFTER INSERT ON reports
WHEN (new.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR new.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = new.status)) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT g.prefix || substr(new.created_at, 1, g.len), new.status, new.category, new.grid_x, new.grid_y, new.unit_id, 1,
      CAST(round(new.lon * 1000000) AS INTEGER), CAST(round(new.lat * 1000000) AS INTEGER), new.updated_at
    FROM (SELECT 'A' AS prefix, 0 AS len UNION ALL SELECT 'Y', 4 UNION ALL SELECT 'M', 7 UNION ALL SELECT 'D', 10) g
    WHERE 1
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_cells_delete BEFORE DELETE ON reports
WHEN (old.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR old.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = old.status)) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT g.prefix || substr(old.created_at, 1, g.len), old.status, old.category, old.grid_x, old.grid_y, old.unit_id, -1,
      -CAST(round(old.lon * 1000000) AS INTEGER), -CAST(round(old.lat * 1000000) AS INTEGER), old.updated_at
    FROM (SELECT 'A' AS prefix, 0 AS len UNION ALL SELECT 'Y', 4 UNION ALL SELECT 'M', 7 UNION ALL SELECT 'D', 10) g
    WHERE 1
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

-- Any change of what the aggregate keys or sums on (a status move, a hide, an unhide, a new
-- place or category) takes the old row's contribution out and puts the new one's in.
CREATE TRIGGER map_cells_update AFTER UPDATE OF status, category, unit_id, lon, lat, created_at, updated_at ON reports
WHEN old.status IS NOT new.status OR old.category IS NOT new.category OR old.unit_id IS NOT new.unit_id
  OR old.lon IS NOT new.lon OR old.lat IS NOT new.lat OR old.created_at IS NOT new.created_at
  OR old.updated_at IS NOT new.updated_at BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT g.prefix || substr(r.created_at, 1, g.len), r.status, r.category, r.gx, r.gy, r.unit_id, r.n,
      r.n * CAST(round(r.lon * 1000000) AS INTEGER), r.n * CAST(round(r.lat * 1000000) AS INTEGER), r.updated_at
    FROM (
      SELECT old.created_at AS created_at, old.status AS status, old.category AS category, old.grid_x AS gx, old.grid_y AS gy,
        old.unit_id AS unit_id, -1 AS n, old.lon AS lon, old.lat AS lat, old.updated_at AS updated_at
        WHERE (old.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR old.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = old.status))
      UNION ALL SELECT new.created_at, new.status, new.category, new.grid_x, new.grid_y, new.unit_id, 1, new.lon, new.lat, new.updated_at
        WHERE (new.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR new.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = new.status))
    ) r JOIN (SELECT 'A' AS prefix, 0 AS len UNION ALL SELECT 'Y', 4 UNION ALL SELECT 'M', 7 UNION ALL SELECT 'D', 10) g
    WHERE 1
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

-- Which cached map answers a write can change: every unit above (and including) the unit of
-- a changed report gets a new version, in the same transaction. An answer scoped to a unit is
-- current while its unit's version is; a write elsewhere in the country leaves it alone.
CREATE TABLE map_versions (
  unit_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER map_versions_insert AFTER INSERT ON reports BEGIN
  INSERT INTO map_versions (unit_id, version) SELECT ancestor_id, 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (unit_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER map_versions_delete AFTER DELETE ON reports BEGIN
  INSERT INTO map_versions (unit_id, version) SELECT ancestor_id, 1 FROM unit_ancestors WHERE unit_id = old.unit_id
    ON CONFLICT (unit_id) DO UPDATE SET version = version + 1;
END;

-- The public columns of the map (points carry confirmations and ids too).
CREATE TRIGGER map_versions_update AFTER UPDATE OF id, status, category, unit_id, lon, lat, created_at, updated_at, confirmations ON reports
WHEN old.id IS NOT new.id OR old.status IS NOT new.status OR old.category IS NOT new.category OR old.unit_id IS NOT new.unit_id
  OR old.lon IS NOT new.lon OR old.lat IS NOT new.lat OR old.created_at IS NOT new.created_at
  OR old.updated_at IS NOT new.updated_at OR old.confirmations IS NOT new.confirmations BEGIN
  INSERT INTO map_versions (unit_id, version) SELECT ancestor_id, 1 FROM unit_ancestors WHERE unit_id IN (old.unit_id, new.unit_id)
    ON CONFLICT (unit_id) DO UPDATE SET version = version + 1;
END;

-- The national clusters now come from map_cells. What a map box cuts through its edge cells
-- is read from the reports of those cells: one seek per cell column or row, and every column
-- the groups and the filter read, unit included (migration 017's index lacked it).
DROP INDEX reports_grid;
CREATE INDEX reports_cells ON reports (grid_x, grid_y, status, category, created_at, updated_at, unit_id, lon, lat);
