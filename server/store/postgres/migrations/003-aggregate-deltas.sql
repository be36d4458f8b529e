-- Aggregates applied once per transaction (issue 16: 1,000 durable reports per second).
--
-- Until now every change of a report upserted its contribution into stats_counts, map_cells
-- (and, by map_cells' statement triggers, map_national) and map_versions at once, row by row.
-- A batch of units (pg-unit.ts: up to 64 reports in one transaction) updated the same rows
-- (the national unit's and the voivodeship's counts, the 'A' and year periods, the national
-- cells) once per report: each update adds a row version the next one must step over, so a
-- report's insert cost ~2.3 ms, 85 % of it the triggers, growing with its place in the batch.
--
-- Now the same trigger functions, with the same WHEN conditions on the same triggers, write
-- what they used to upsert (the contribution before it is spread over ancestors and periods)
-- into three temporary tables of the session, and a deferred constraint trigger folds them
-- into the aggregates at COMMIT, with one grouped upsert per aggregate: the sums of n, sum_lon,
-- sum_lat and versions, the greatest updated_max, and the same rows touched (rows whose sum is
-- 0 included), which is what the row-by-row upserts leave (sums and greatest do not depend on
-- the order). What is decided from other tables at the time of the change is decided then, as
-- before: whether a report is on the map (kmzb_map_counted reads map_cuts) and its keys.
-- Spreading over unit_ancestors and map_suffixes happens at the fold; a statement that changes
-- either folds what is pending first.
--
-- Readers in other sessions see the aggregates with every committed report, as before (the
-- fold is part of the commit). A statement inside the writing transaction reads the aggregates
-- without its own pending changes until kmzb_apply_deltas() (or SET CONSTRAINTS ALL IMMEDIATE);
-- no unit of the store reads them. The backfills fold what is pending before they rebuild.
--
-- Cost (callgrind, PostgreSQL's side of bench/store-write.ts's unit): in batches of 64, 4.3 M
-- instructions a report where the row-by-row upserts took 8.1 M; a transaction of one report
-- alone, 7.3 M where they took 6.6 M (the fold's statements are a fixed cost per commit).
--
-- What this changes of 001's functions (the map engine's among them): kmzb_stats_contribute,
-- kmzb_stats_report_status, kmzb_stats_report_times, kmzb_map_cells_apply and
-- kmzb_map_versions_bump now pend; kmzb_map_counted answers the same, without querying map_cuts
-- for the statuses that are always on the map; kmzb_backfill_stats and kmzb_backfill_map fold
-- first. The triggers of 001 are unchanged; aggregate_deltas_* are new.
--
-- Temporary tables (created by the first change of a session, ON COMMIT DELETE ROWS): they
-- are private to the transaction's session, so concurrent writers never see or lock each
-- other's deltas, write no WAL and leave no dead rows behind in a shared table. They are empty
-- whenever no transaction is open. Nothing durable is in them: what they hold is either
-- folded before the commit or rolled back with it.

-- The shapes of the session's delta tables (never written: CREATE TEMP TABLE ... LIKE copies
-- them). Their text columns are STORAGE PLAIN, so the temporary tables get no TOAST table:
-- ON COMMIT DELETE ROWS truncates a table and its TOAST table and rebuilds the TOAST index at
-- every commit, which cost ~1 M instructions a commit for the three (callgrind), more than the
-- fold of a single report. The values are short (ids, times, keys), far from a page's size.
CREATE TABLE kmzb_stats_delta_shape (
  unit_id    text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  dim        text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  n          integer NOT NULL
);
ALTER TABLE kmzb_stats_delta_shape ALTER COLUMN unit_id SET STORAGE PLAIN, ALTER COLUMN created_at SET STORAGE PLAIN,
  ALTER COLUMN dim SET STORAGE PLAIN, ALTER COLUMN key SET STORAGE PLAIN;

CREATE TABLE kmzb_map_delta_shape (
  created_at text COLLATE "C" NOT NULL,
  status     text COLLATE "C" NOT NULL,
  category   text COLLATE "C" NOT NULL,
  gx         integer NOT NULL,
  gy         integer NOT NULL,
  unit_id    text COLLATE "C" NOT NULL,
  micro_lon  bigint NOT NULL,
  micro_lat  bigint NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  n          integer NOT NULL
);
ALTER TABLE kmzb_map_delta_shape ALTER COLUMN created_at SET STORAGE PLAIN, ALTER COLUMN status SET STORAGE PLAIN,
  ALTER COLUMN category SET STORAGE PLAIN, ALTER COLUMN unit_id SET STORAGE PLAIN, ALTER COLUMN updated_at SET STORAGE PLAIN;

CREATE TABLE kmzb_versions_delta_shape (
  unit_id text COLLATE "C" NOT NULL
);
ALTER TABLE kmzb_versions_delta_shape ALTER COLUMN unit_id SET STORAGE PLAIN;

-- Creates the session's delta tables on its first change (they last as long as the session)
-- and notes that this transaction has pending deltas (a transaction-local setting: rolled back
-- with the savepoint that set it, as the rows it covers are).
CREATE FUNCTION kmzb_deltas_open() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.kmzb_stats_delta') IS NULL THEN
    CREATE TEMP TABLE kmzb_stats_delta (LIKE kmzb_stats_delta_shape INCLUDING STORAGE) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE kmzb_map_delta (LIKE kmzb_map_delta_shape INCLUDING STORAGE) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE kmzb_versions_delta (LIKE kmzb_versions_delta_shape INCLUDING STORAGE) ON COMMIT DELETE ROWS;
  END IF;
  PERFORM set_config('kmzb.deltas', 'on', true);
END
$$;

-- Folds this transaction's pending deltas into stats_counts, map_cells (map_national follows
-- by its statement triggers) and map_versions, each in key order; returns the delta rows
-- folded. Called by the deferred trigger at COMMIT; callable any time (then does nothing when
-- nothing is pending).
CREATE FUNCTION kmzb_apply_deltas() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  stats bigint;
  cells bigint;
  versions bigint;
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    RETURN 0;
  END IF;
  -- kmzb_stats_contribute's upsert (015), over every pending contribution at once.
  -- The ancestors of each delta's unit by the primary key of unit_ancestors (OFFSET 0 keeps the
  -- subquery a nested loop: the planner knows nothing of the temporary tables' size and would
  -- otherwise hash or sort the whole of unit_ancestors, for a single report too).
  WITH d AS (DELETE FROM pg_temp.kmzb_stats_delta RETURNING unit_id, created_at, dim, key, n)
  INSERT INTO stats_counts AS s (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(d.created_at, 1, g.len), d.dim, d.key, sum(d.n)
    FROM d CROSS JOIN LATERAL (SELECT x.ancestor_id FROM unit_ancestors x WHERE x.unit_id = d.unit_id OFFSET 0) a
      CROSS JOIN stats_granularities g
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = s.n + excluded.n;
  GET DIAGNOSTICS stats = ROW_COUNT;
  -- kmzb_map_cells_apply's upsert (020, 021).
  WITH d AS (DELETE FROM pg_temp.kmzb_map_delta RETURNING created_at, status, category, gx, gy, unit_id, micro_lon, micro_lat, updated_at, n)
  INSERT INTO map_cells AS m (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT p.period, d.status, d.category, d.gx, d.gy, d.unit_id, sum(d.n), sum(d.n * d.micro_lon), sum(d.n * d.micro_lat), max(d.updated_at)
    FROM d CROSS JOIN LATERAL kmzb_map_periods(d.created_at) p (period)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
    updated_max = greatest(m.updated_max, excluded.updated_max);
  GET DIAGNOSTICS cells = ROW_COUNT;
  -- kmzb_map_versions_bump's upsert: every ancestor once per bump of a unit below it.
  WITH d AS (DELETE FROM pg_temp.kmzb_versions_delta RETURNING unit_id)
  INSERT INTO map_versions AS v (unit_id, version)
    SELECT a.ancestor_id, count(*)
    FROM d CROSS JOIN LATERAL (SELECT x.ancestor_id FROM unit_ancestors x WHERE x.unit_id = d.unit_id OFFSET 0) a
    GROUP BY 1
    ORDER BY 1
  ON CONFLICT (unit_id) DO UPDATE SET version = v.version + excluded.version;
  GET DIAGNOSTICS versions = ROW_COUNT;
  PERFORM set_config('kmzb.deltas', 'off', true);
  RETURN stats + cells + versions;
END
$$;

CREATE FUNCTION kmzb_apply_deltas_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) = 'on' THEN
    PERFORM kmzb_apply_deltas();
  END IF;
  RETURN NULL;
END
$$;

-- Fires at COMMIT once per changed report; the first folds everything, the others find
-- nothing pending (a setting read). Deferred events of a savepoint rolled back are dropped
-- with its deltas.
CREATE CONSTRAINT TRIGGER aggregate_deltas_fold AFTER INSERT OR UPDATE OR DELETE ON reports
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kmzb_apply_deltas_trigger();

-- The fold spreads over unit_ancestors and map_suffixes as they are then: a change to them
-- first folds what was pending, which was meant for them as they were.
CREATE FUNCTION kmzb_apply_deltas_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kmzb_apply_deltas();
  RETURN NULL;
END
$$;

CREATE TRIGGER aggregate_deltas_ancestors BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_ancestors
FOR EACH STATEMENT EXECUTE FUNCTION kmzb_apply_deltas_statement();

CREATE TRIGGER aggregate_deltas_suffixes BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON map_suffixes
FOR EACH STATEMENT EXECUTE FUNCTION kmzb_apply_deltas_statement();

-- Room on every page of the aggregates for new versions of their rows: each commit updates
-- dozens of them per report, and an update that finds room on its row's page is a HOT update
-- (no new index entry, less WAL); on full pages every update also inserts into the primary
-- key. ~11 % less work per report in bench/store-write.ts (callgrind). Pages written from now
-- on; a table's existing pages keep what they hold until it is rewritten (VACUUM FULL).
ALTER TABLE stats_counts SET (fillfactor = 70);
ALTER TABLE map_cells SET (fillfactor = 70);
ALTER TABLE map_national SET (fillfactor = 70);
ALTER TABLE map_versions SET (fillfactor = 70);

-- The contributions, as 001 computes them, now pended instead of upserted ------------------------

-- 001's kmzb_stats_contribute: a report's whole contribution (p_n = 1 in, -1 out).
CREATE OR REPLACE FUNCTION kmzb_stats_contribute(r reports, p_n integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    PERFORM kmzb_deltas_open();
  END IF;
  INSERT INTO pg_temp.kmzb_stats_delta (unit_id, created_at, dim, key, n)
    SELECT r.unit_id, r.created_at, k.dim, k.key, p_n
    FROM kmzb_stat_keys(r.status, r.category, r.source, r.created_at, r.first_verified_at, r.closed_at) k;
END
$$;

-- 001's kmzb_stats_report_status: one 'status' key moves.
CREATE OR REPLACE FUNCTION kmzb_stats_report_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    PERFORM kmzb_deltas_open();
  END IF;
  INSERT INTO pg_temp.kmzb_stats_delta (unit_id, created_at, dim, key, n)
    VALUES (NEW.unit_id, NEW.created_at, 'status', OLD.status, -1), (NEW.unit_id, NEW.created_at, 'status', NEW.status, 1);
  RETURN NULL;
END
$$;

-- 001's kmzb_stats_report_times: the duration keys of a changed verification or final time.
CREATE OR REPLACE FUNCTION kmzb_stats_report_times() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    PERFORM kmzb_deltas_open();
  END IF;
  INSERT INTO pg_temp.kmzb_stats_delta (unit_id, created_at, dim, key, n)
    SELECT NEW.unit_id, NEW.created_at, d.dim, d.key, d.n FROM (
      SELECT 'verified' AS dim, kmzb_hours_bucket(OLD.first_verified_at, NEW.created_at) AS key, -1 AS n
        WHERE OLD.first_verified_at IS NOT NULL AND OLD.first_verified_at IS DISTINCT FROM NEW.first_verified_at
      UNION ALL SELECT 'verified', kmzb_hours_bucket(NEW.first_verified_at, NEW.created_at), 1
        WHERE NEW.first_verified_at IS NOT NULL AND OLD.first_verified_at IS DISTINCT FROM NEW.first_verified_at
      UNION ALL SELECT 'closed', kmzb_hours_bucket(OLD.closed_at, NEW.created_at), -1
        WHERE OLD.closed_at IS NOT NULL AND OLD.closed_at IS DISTINCT FROM NEW.closed_at
      UNION ALL SELECT 'closed', kmzb_hours_bucket(NEW.closed_at, NEW.created_at), 1
        WHERE NEW.closed_at IS NOT NULL AND OLD.closed_at IS DISTINCT FROM NEW.closed_at
    ) d;
  RETURN NULL;
END
$$;

-- 001's kmzb_map_cells_apply: the contribution moved from `o` (out) to `nw` (in), either NULL;
-- whether each is on the map is decided now, against the cuts as they are now.
CREATE OR REPLACE FUNCTION kmzb_map_cells_apply(o reports, nw reports) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    PERFORM kmzb_deltas_open();
  END IF;
  IF (o).seq IS NOT NULL AND kmzb_map_counted((o).status, (o).updated_at) THEN
    INSERT INTO pg_temp.kmzb_map_delta (created_at, status, category, gx, gy, unit_id, micro_lon, micro_lat, updated_at, n)
      VALUES ((o).created_at, (o).status, (o).category, (o).grid_x, (o).grid_y, (o).unit_id,
        kmzb_micro((o).lon), kmzb_micro((o).lat), (o).updated_at, -1);
  END IF;
  IF (nw).seq IS NOT NULL AND kmzb_map_counted((nw).status, (nw).updated_at) THEN
    INSERT INTO pg_temp.kmzb_map_delta (created_at, status, category, gx, gy, unit_id, micro_lon, micro_lat, updated_at, n)
      VALUES ((nw).created_at, (nw).status, (nw).category, (nw).grid_x, (nw).grid_y, (nw).unit_id,
        kmzb_micro((nw).lon), kmzb_micro((nw).lat), (nw).updated_at, 1);
  END IF;
END
$$;

-- 001's kmzb_map_counted, the same answer: the statuses visible for ever are answered without
-- the query of map_cuts (PL/pgSQL runs an expression with a subquery as a whole query, at
-- every call; this IF is evaluated directly).
CREATE OR REPLACE FUNCTION kmzb_map_counted(p_status text, p_updated_at text) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  IF p_status IN ('new', 'verifying', 'confirmed', 'forwarded') THEN
    RETURN true;
  END IF;
  RETURN coalesce(p_updated_at COLLATE "C" >= (SELECT c.cut FROM map_cuts c WHERE c.status = p_status), false);
END
$$;

-- 001's kmzb_map_versions_bump: every unit above (and including) p_unit gets a new version.
CREATE OR REPLACE FUNCTION kmzb_map_versions_bump(p_unit text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    PERFORM kmzb_deltas_open();
  END IF;
  INSERT INTO pg_temp.kmzb_versions_delta (unit_id) VALUES (p_unit);
END
$$;

-- The backfills fold what is pending before they rebuild ---------------------------------------------

-- 001's kmzb_backfill_stats, with the fold after the times are set (their triggers' deltas
-- would otherwise be added at COMMIT to the counts rebuilt from the reports).
CREATE OR REPLACE FUNCTION kmzb_backfill_stats(from_history boolean DEFAULT true) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  IF from_history THEN
    -- Only the rows whose times change (their triggers' work is undone below anyway).
    UPDATE reports r SET first_verified_at = t.first_verified_at, closed_at = t.closed_at
    FROM (
      SELECT x.seq,
        (SELECT min(h.at) FROM report_history h WHERE h.report_id = x.id AND h.status NOT IN ('new', 'hidden')) AS first_verified_at,
        (SELECT min(h.at) FROM report_history h
          WHERE h.report_id = x.id AND h.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank')) AS closed_at
      FROM reports x
    ) t
    WHERE r.seq = t.seq
      AND (r.first_verified_at IS DISTINCT FROM t.first_verified_at OR r.closed_at IS DISTINCT FROM t.closed_at);
  END IF;
  PERFORM kmzb_apply_deltas();
  DELETE FROM stats_counts;
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, s.period, s.dim, s.key, sum(s.n)
    FROM (SELECT k.unit_id, 'D' || substr(k.created_at, 1, 10) AS period, k.dim, k.key, count(*) AS n
          FROM report_stat_keys k GROUP BY 1, 2, 3, 4) s
      JOIN unit_ancestors a ON a.unit_id = s.unit_id
    GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT unit_id, 'M' || substr(period, 2, 7), dim, key, sum(n)
    FROM stats_counts WHERE period LIKE 'D%' GROUP BY 1, 2, 3, 4;
  SELECT count(*) INTO total FROM stats_counts;
  RETURN total;
END
$$;

-- 001's kmzb_backfill_map, with the fold before map_cells is emptied.
CREATE OR REPLACE FUNCTION kmzb_backfill_map(reset_cuts boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  PERFORM kmzb_apply_deltas();
  IF reset_cuts THEN
    PERFORM kmzb_reset_map_cuts();
  END IF;
  TRUNCATE map_cells, map_national;
  DROP TABLE IF EXISTS pg_temp.kmzb_map_cells_days;
  CREATE TEMP TABLE kmzb_map_cells_days ON COMMIT DROP AS
    SELECT 'D' || substr(r.created_at, 1, 10) AS period, r.status, r.category, r.grid_x AS gx, r.grid_y AS gy, r.unit_id,
      count(*) AS n, sum(kmzb_micro(r.lon)) AS sum_lon, sum(kmzb_micro(r.lat)) AS sum_lat, max(r.updated_at) AS updated_max
    FROM reports r LEFT JOIN map_cuts c ON c.status = r.status
    WHERE r.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR r.updated_at >= c.cut
    GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT 'A', status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM kmzb_map_cells_days GROUP BY 2, 3, 4, 5, 6;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max FROM kmzb_map_cells_days;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT 'M' || substr(period, 2, 7), status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM kmzb_map_cells_days GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT 'Y' || substr(period, 2, 4), status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM kmzb_map_cells_days GROUP BY 1, 2, 3, 4, 5, 6;
  DROP TABLE kmzb_map_cells_days;
  -- 021: the suffix buckets from the year and month rows, cumulated.
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, c.status, c.category, c.gx, c.gy, c.unit_id, sum(c.n), sum(c.sum_lon), sum(c.sum_lat), max(c.updated_max)
    FROM map_suffixes s JOIN map_cells c
      ON c.period >= (CASE WHEN s.year IS NULL THEN 'Y' || substr(s.since, 1, 4) ELSE 'M' || s.since END)
      AND c.period < (CASE WHEN s.year IS NULL THEN 'Z' ELSE 'M' || s.year || '-99' END)
    GROUP BY 1, 2, 3, 4, 5, 6;
  SELECT count(*) INTO total FROM map_cells;
  RETURN total;
END
$$;
