-- The national map's aggregate without units (issue 17). A question whose units are the whole
-- country sums map_cells over every unit of a cell: at 10 M reports the widest ones (no
-- filter, no box, any period) grouped 120-150 k rows, most of the time spent sorting them,
-- and unit_id about doubles the rows per (period, status, category, cell). map_national holds
-- the same sums per (period, status, category, cell), every period of map_cells included, so
-- the planner's buckets read the same way with half the rows.
-- Kept exact by triggers on map_cells itself: whatever changes map_cells (the report
-- triggers of 020 and 021, the sweep, a backfill) adds the same difference here, in the same
-- transaction. updated_max only grows, as in map_cells.
CREATE TABLE map_national (
  period      TEXT NOT NULL,
  status      TEXT NOT NULL,
  category    TEXT NOT NULL,
  gx          INTEGER NOT NULL,
  gy          INTEGER NOT NULL,
  n           INTEGER NOT NULL,
  sum_lon     INTEGER NOT NULL,
  sum_lat     INTEGER NOT NULL,
  updated_max TEXT NOT NULL,
  PRIMARY KEY (period, status, category, gx, gy)
) STRICT, WITHOUT ROWID;

-- backfill:begin (bench/national-data.ts reruns this part after a bulk load)
DELETE FROM map_national;
-- map_cells is in key order with unit_id last: the groups come out in map_national's order
-- (no sort), appended.
INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
  SELECT period, status, category, gx, gy, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
  FROM map_cells GROUP BY 1, 2, 3, 4, 5;
-- backfill:end

CREATE TRIGGER map_national_insert AFTER INSERT ON map_cells BEGIN
  INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    VALUES (new.period, new.status, new.category, new.gx, new.gy, new.n, new.sum_lon, new.sum_lat, new.updated_max)
    ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

-- An upsert's DO UPDATE fires this one: the row's change, added. Key columns are never updated
-- in place (only n, the sums and updated_max); the key terms make it exact if they ever were.
CREATE TRIGGER map_national_update AFTER UPDATE ON map_cells BEGIN
  INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    SELECT c.period, c.status, c.category, c.gx, c.gy, c.n, c.sum_lon, c.sum_lat, c.updated_max FROM (
      SELECT old.period AS period, old.status AS status, old.category AS category, old.gx AS gx, old.gy AS gy,
        -old.n AS n, -old.sum_lon AS sum_lon, -old.sum_lat AS sum_lat, old.updated_max AS updated_max
      UNION ALL SELECT new.period, new.status, new.category, new.gx, new.gy, new.n, new.sum_lon, new.sum_lat, new.updated_max
    ) c WHERE 1
    ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_national_delete AFTER DELETE ON map_cells BEGIN
  INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    VALUES (old.period, old.status, old.category, old.gx, old.gy, -old.n, -old.sum_lon, -old.sum_lat, old.updated_max)
    ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;
