-- SQLite's migration 024: the suffix buckets hold the reports created before a frontier day;
-- the reports of that day and after are in their day buckets only, which a question adds to
-- each suffix bucket it reads (period-plan.ts: withLiveDays), until the sweep folds those days
-- in (kmzb_map_fold_days, pg-map-sweep.ts). A new report then spreads over 4 periods at the
-- fold of its batch's deltas (003), not 27: 'S2016' to 'S2026' and 'T2026-01' to 'T2026-12'
-- were 23 upserts of map_cells and as many of map_national per key of the batch.

CREATE TABLE map_frontier (
  -- 'YYYY-MM-DD' (UTC): the suffix buckets hold the reports created before this day.
  day text COLLATE "C" NOT NULL
);

INSERT INTO map_frontier (day) VALUES (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'));

-- 001's kmzb_map_periods: the suffix buckets only for a report created before the frontier.
-- Every spreading of a contribution over periods goes through it (the fold of 003, the sweep).
CREATE OR REPLACE FUNCTION kmzb_map_periods(created_at text) RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT 'A' UNION ALL SELECT 'Y' || substr(created_at, 1, 4) UNION ALL SELECT 'M' || substr(created_at, 1, 7)
  UNION ALL SELECT 'D' || substr(created_at, 1, 10)
  UNION ALL SELECT s.period FROM map_suffixes s
    WHERE created_at COLLATE "C" < (SELECT f.day FROM map_frontier f)
      AND ((s.period >= 'S' AND s.period <= ('S' || substr(created_at, 1, 4)) COLLATE "C")
        OR (s.period >= ('T' || substr(created_at, 1, 4)) COLLATE "C" AND s.period <= ('T' || substr(created_at, 1, 7)) COLLATE "C"))
$$;

-- The day buckets of [p_from, p_to) ('YYYY-MM-DD'), times p_sign, into every suffix bucket of
-- their day: +1 folds them in, -1 takes them out. map_national follows by its statement
-- triggers. Returns the rows changed.
CREATE FUNCTION kmzb_map_suffix_days(p_from text, p_to text, p_sign integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  PERFORM kmzb_apply_deltas();
  INSERT INTO map_cells AS m (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, c.status, c.category, c.gx, c.gy, c.unit_id, p_sign * sum(c.n), p_sign * sum(c.sum_lon), p_sign * sum(c.sum_lat), max(c.updated_max)
    FROM map_cells c JOIN map_suffixes s ON (s.period >= 'S' AND s.period <= ('S' || substr(c.period, 2, 4)) COLLATE "C")
      OR (s.period >= ('T' || substr(c.period, 2, 4)) COLLATE "C" AND s.period <= ('T' || substr(c.period, 2, 7)) COLLATE "C")
    WHERE c.period >= ('D' || p_from) COLLATE "C" AND c.period < (CASE WHEN p_to IS NULL THEN 'E' ELSE 'D' || p_to END) COLLATE "C"
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
    updated_max = greatest(m.updated_max, excluded.updated_max);
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END
$$;

-- The sweep's daily step: the days before p_today go into the suffix buckets and the frontier
-- moves to p_today (never back). Run under the units' advisory lock (pg-map-sweep.ts), so no
-- batch's deltas are spread over the periods while the frontier moves.
CREATE FUNCTION kmzb_map_fold_days(p_today text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  frontier text;
  changed bigint := 0;
BEGIN
  SELECT day INTO frontier FROM map_frontier;
  IF frontier COLLATE "C" < p_today COLLATE "C" THEN
    changed := kmzb_map_suffix_days(frontier, p_today, 1);
    UPDATE map_frontier SET day = p_today;
  END IF;
  RETURN changed;
END
$$;

-- 001's (003's) kmzb_backfill_map builds the suffix buckets from every report; the reports
-- from the frontier on are then taken out of them, as SQLite's 024 backfill does.
ALTER FUNCTION kmzb_backfill_map(boolean) RENAME TO kmzb_backfill_map_all_suffixes;
CREATE FUNCTION kmzb_backfill_map(reset_cuts boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  PERFORM kmzb_backfill_map_all_suffixes(reset_cuts);
  PERFORM kmzb_map_suffix_days((SELECT day FROM map_frontier), NULL, -1);
  SELECT count(*) INTO total FROM map_cells;
  RETURN total;
END
$$;

-- This database's suffix buckets, which hold every report so far.
SELECT kmzb_map_suffix_days((SELECT day FROM map_frontier), NULL, -1);
