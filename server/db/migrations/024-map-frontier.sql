-- Suffix buckets without a write per bucket for every new report (issue 16: 1,000 durable
-- reports per second). A report created now is in every suffix bucket since its creation,
-- 'S2016' to 'S2026' and 'T2026-01' to 'T2026-12': 23 upserts of map_cells (and 23 of
-- map_national after them), about 40 % of a report's write (bench/store-write.ts with the
-- suffix trigger dropped: 2,582 against 1,496 reports/s). Now the suffix buckets hold the
-- reports created before the frontier, a day: the reports of that day and after are in their
-- day buckets ('D2026-12-03', which every report writes anyway), and a question adds those
-- day buckets to each suffix bucket it reads (period-plan.ts: withLiveDays). Once a day the
-- map's sweep folds the days before today into the suffix buckets and moves the frontier on,
-- in one transaction (MapCellsRepository.sweep). A report created before the frontier (a
-- bulk import, a change to an old report) still moves its suffix buckets at once.
CREATE TABLE map_frontier (
  -- 'YYYY-MM-DD' (UTC): the suffix buckets hold the reports created before this day.
  day TEXT NOT NULL
) STRICT;

INSERT INTO map_frontier (day) VALUES (strftime('%Y-%m-%d', 'now'));

-- backfill:begin (bench/national-data.ts reruns this part after migration 021's)
-- Takes the reports created on or after the frontier out of the suffix buckets (021's
-- backfill counts them all): their day buckets' rows, in every suffix bucket of their day.
INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT s.period, c.status, c.category, c.gx, c.gy, c.unit_id, -sum(c.n), -sum(c.sum_lon), -sum(c.sum_lat), max(c.updated_max)
  FROM map_cells c JOIN map_suffixes s ON (s.period >= 'S' AND s.period <= 'S' || substr(c.period, 2, 4))
    OR (s.period >= 'T' || substr(c.period, 2, 4) AND s.period <= 'T' || substr(c.period, 2, 7))
  WHERE c.period >= 'D' || (SELECT day FROM map_frontier) AND c.period < 'E'
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
    sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
-- backfill:end

-- Migration 021's triggers, for the reports created before the frontier only.
DROP TRIGGER map_suffixes_insert;
DROP TRIGGER map_suffixes_delete;
DROP TRIGGER map_suffixes_update;

CREATE TRIGGER map_suffixes_insert AFTER INSERT ON reports
WHEN new.created_at < (SELECT day FROM map_frontier)
  AND (new.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR new.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = new.status)) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, new.status, new.category, new.grid_x, new.grid_y, new.unit_id, 1,
      CAST(round(new.lon * 1000000) AS INTEGER), CAST(round(new.lat * 1000000) AS INTEGER), new.updated_at
    FROM map_suffixes s WHERE (s.period >= 'S' AND s.period <= 'S' || substr(new.created_at, 1, 4))
      OR (s.period >= 'T' || substr(new.created_at, 1, 4) AND s.period <= 'T' || substr(new.created_at, 1, 7))
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_suffixes_delete BEFORE DELETE ON reports
WHEN old.created_at < (SELECT day FROM map_frontier)
  AND (old.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR old.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = old.status)) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, old.status, old.category, old.grid_x, old.grid_y, old.unit_id, -1,
      -CAST(round(old.lon * 1000000) AS INTEGER), -CAST(round(old.lat * 1000000) AS INTEGER), old.updated_at
    FROM map_suffixes s WHERE (s.period >= 'S' AND s.period <= 'S' || substr(old.created_at, 1, 4))
      OR (s.period >= 'T' || substr(old.created_at, 1, 4) AND s.period <= 'T' || substr(old.created_at, 1, 7))
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_suffixes_update AFTER UPDATE OF status, category, unit_id, lon, lat, created_at, updated_at ON reports
WHEN (old.created_at < (SELECT day FROM map_frontier) OR new.created_at < (SELECT day FROM map_frontier))
  AND (old.status IS NOT new.status OR old.category IS NOT new.category OR old.unit_id IS NOT new.unit_id
  OR old.lon IS NOT new.lon OR old.lat IS NOT new.lat OR old.created_at IS NOT new.created_at
  OR old.updated_at IS NOT new.updated_at) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, r.status, r.category, r.gx, r.gy, r.unit_id, r.n,
      r.n * CAST(round(r.lon * 1000000) AS INTEGER), r.n * CAST(round(r.lat * 1000000) AS INTEGER), r.updated_at
    FROM (
      SELECT old.created_at AS created_at, old.status AS status, old.category AS category, old.grid_x AS gx, old.grid_y AS gy,
        old.unit_id AS unit_id, -1 AS n, old.lon AS lon, old.lat AS lat, old.updated_at AS updated_at
        WHERE old.created_at < (SELECT day FROM map_frontier)
          AND (old.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR old.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = old.status))
      UNION ALL SELECT new.created_at, new.status, new.category, new.grid_x, new.grid_y, new.unit_id, 1, new.lon, new.lat, new.updated_at
        WHERE new.created_at < (SELECT day FROM map_frontier)
          AND (new.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR new.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = new.status))
    ) r JOIN map_suffixes s ON (s.period >= 'S' AND s.period <= 'S' || substr(r.created_at, 1, 4))
      OR (s.period >= 'T' || substr(r.created_at, 1, 4) AND s.period <= 'T' || substr(r.created_at, 1, 7))
    WHERE 1
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

-- Migration 023's update trigger upserted each changed key of map_national twice (old taken
-- out, new put in). Every update of the writes and the sweep keeps the key (only n, the sums
-- and updated_max change): its change is one row, new minus old; updated_max only grows, so
-- the new row's is the greatest. One upsert instead of two for every map_cells row a report's
-- write updates. An update that moves a key (none of the product's) still takes both.
DROP TRIGGER map_national_update;
CREATE TRIGGER map_national_update AFTER UPDATE ON map_cells
WHEN old.period = new.period AND old.status = new.status AND old.category = new.category
  AND old.gx = new.gx AND old.gy = new.gy BEGIN
  INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    VALUES (new.period, new.status, new.category, new.gx, new.gy, new.n - old.n, new.sum_lon - old.sum_lon,
      new.sum_lat - old.sum_lat, new.updated_max)
    ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_national_move AFTER UPDATE ON map_cells
WHEN old.period <> new.period OR old.status <> new.status OR old.category <> new.category
  OR old.gx <> new.gx OR old.gy <> new.gy BEGIN
  INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    SELECT c.period, c.status, c.category, c.gx, c.gy, c.n, c.sum_lon, c.sum_lat, c.updated_max FROM (
      SELECT old.period AS period, old.status AS status, old.category AS category, old.gx AS gx, old.gy AS gy,
        -old.n AS n, -old.sum_lon AS sum_lon, -old.sum_lat AS sum_lat, old.updated_max AS updated_max
      UNION ALL SELECT new.period, new.status, new.category, new.gx, new.gy, new.n, new.sum_lon, new.sum_lat, new.updated_max
    ) c WHERE 1
    ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;
