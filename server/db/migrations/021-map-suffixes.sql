-- Open-ended and long periods of the public map in a few aggregate reads (issue 17). Migration
-- 020 sums a period from whole years, months and days: "since 2021-07-26" read five years,
-- five months and six days of map_cells rows (200,000 rows at 10 M reports, summed by a
-- GROUP BY in ~250 ms). Suffix buckets hold the same counts cumulated to the end of time:
-- 'S2022' counts the reports created in 2022 or later, 'T2021-08' those created from August to
-- December 2021. Any whole-day boundary is then a suffix bucket, a month suffix and at most
-- half a month of days, and a period is one boundary minus the other.
-- Only from 2016 (the service's first year) to 2060: a report created outside is in no suffix
-- bucket, and the period planner (reports/period-plan.ts) uses them only inside that span.
-- The triggers find a report's buckets by two seeks on the period (S2016..S<year>,
-- T<year>-01..T<year>-<month>). Each report write updates up to (year - 2015) + 12 more rows, kept exact by the triggers
-- below in the same transaction, and by the sweep (map-cells-repository.ts) as 020's are.
CREATE TABLE map_suffixes (
  period TEXT PRIMARY KEY,
  -- The first month ('2021-08') of the reports the bucket counts.
  since  TEXT NOT NULL,
  -- For a month suffix ('T'), its year ('2021'): it ends with that year. NULL: never ends.
  year   TEXT
) STRICT, WITHOUT ROWID;

INSERT INTO map_suffixes (period, since, year)
  SELECT 'S' || y, y || '-01', NULL FROM (SELECT printf('%04d', value) AS y FROM json_each('[' || (
    WITH RECURSIVE n(v) AS (SELECT 2016 UNION ALL SELECT v + 1 FROM n WHERE v < 2060) SELECT group_concat(v) FROM n) || ']'));
INSERT INTO map_suffixes (period, since, year)
  SELECT 'T' || substr(s.since, 1, 4) || '-' || printf('%02d', m.value), substr(s.since, 1, 4) || '-' || printf('%02d', m.value), substr(s.since, 1, 4)
  FROM map_suffixes s, json_each('[1,2,3,4,5,6,7,8,9,10,11,12]') m;

-- backfill:begin (bench/national-data.ts reruns this part after a bulk load)
DELETE FROM map_cells WHERE period >= 'S' AND period < 'U';
-- From the year and month rows: the same reports, cumulated. Appended in key order.
INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT s.period, c.status, c.category, c.gx, c.gy, c.unit_id, sum(c.n), sum(c.sum_lon), sum(c.sum_lat), max(c.updated_max)
  FROM map_suffixes s JOIN map_cells c
    ON c.period >= (CASE WHEN s.year IS NULL THEN 'Y' || substr(s.since, 1, 4) ELSE 'M' || s.since END)
    AND c.period < (CASE WHEN s.year IS NULL THEN 'Z' ELSE 'M' || s.year || '-99' END)
  GROUP BY 1, 2, 3, 4, 5, 6;
-- backfill:end

-- As migration 020's triggers, for the suffix buckets a report's creation time falls in.
CREATE TRIGGER map_suffixes_insert AFTER INSERT ON reports
WHEN (new.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR new.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = new.status)) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, new.status, new.category, new.grid_x, new.grid_y, new.unit_id, 1,
      CAST(round(new.lon * 1000000) AS INTEGER), CAST(round(new.lat * 1000000) AS INTEGER), new.updated_at
    FROM map_suffixes s WHERE (s.period >= 'S' AND s.period <= 'S' || substr(new.created_at, 1, 4))
      OR (s.period >= 'T' || substr(new.created_at, 1, 4) AND s.period <= 'T' || substr(new.created_at, 1, 7))
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_suffixes_delete BEFORE DELETE ON reports
WHEN (old.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR old.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = old.status)) BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, old.status, old.category, old.grid_x, old.grid_y, old.unit_id, -1,
      -CAST(round(old.lon * 1000000) AS INTEGER), -CAST(round(old.lat * 1000000) AS INTEGER), old.updated_at
    FROM map_suffixes s WHERE (s.period >= 'S' AND s.period <= 'S' || substr(old.created_at, 1, 4))
      OR (s.period >= 'T' || substr(old.created_at, 1, 4) AND s.period <= 'T' || substr(old.created_at, 1, 7))
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;

CREATE TRIGGER map_suffixes_update AFTER UPDATE OF status, category, unit_id, lon, lat, created_at, updated_at ON reports
WHEN old.status IS NOT new.status OR old.category IS NOT new.category OR old.unit_id IS NOT new.unit_id
  OR old.lon IS NOT new.lon OR old.lat IS NOT new.lat OR old.created_at IS NOT new.created_at
  OR old.updated_at IS NOT new.updated_at BEGIN
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, r.status, r.category, r.gx, r.gy, r.unit_id, r.n,
      r.n * CAST(round(r.lon * 1000000) AS INTEGER), r.n * CAST(round(r.lat * 1000000) AS INTEGER), r.updated_at
    FROM (
      SELECT old.created_at AS created_at, old.status AS status, old.category AS category, old.grid_x AS gx, old.grid_y AS gy,
        old.unit_id AS unit_id, -1 AS n, old.lon AS lon, old.lat AS lat, old.updated_at AS updated_at
        WHERE (old.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR old.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = old.status))
      UNION ALL SELECT new.created_at, new.status, new.category, new.grid_x, new.grid_y, new.unit_id, 1, new.lon, new.lat, new.updated_at
        WHERE (new.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR new.updated_at >= (SELECT c.cut FROM map_cuts c WHERE c.status = new.status))
    ) r JOIN map_suffixes s ON (s.period >= 'S' AND s.period <= 'S' || substr(r.created_at, 1, 4))
      OR (s.period >= 'T' || substr(r.created_at, 1, 4) AND s.period <= 'T' || substr(r.created_at, 1, 7))
    WHERE 1
    ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = n + excluded.n,
      sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat, updated_max = max(updated_max, excluded.updated_max);
END;
