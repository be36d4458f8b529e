-- Statistics (GET /api/v1/stats, DESIGN.md section 9) from a maintained aggregate instead of
-- scanning reports: for every unit (each report counts in its own unit and every unit above
-- it) and every creation day ('D2025-05-01') and month ('M2025-05'), the number of reports per
-- status, category and source, and histograms of the time to first verification and to a
-- final status. A voivodeship-year reads a few thousand rows whatever the number of reports.
-- Triggers keep it exact in the same transaction as every report write.

-- When a report was first taken up (first history entry other than 'new' or 'hidden') and
-- first reached a final status (eliminated, forwarded, not_confirmed, prank); kept by a trigger
-- on report_history so the statistics need no history scan.
ALTER TABLE reports ADD COLUMN first_verified_at TEXT;
ALTER TABLE reports ADD COLUMN closed_at TEXT;

CREATE TABLE stats_counts (
  unit_id TEXT NOT NULL,
  -- 'D' || YYYY-MM-DD or 'M' || YYYY-MM of the reports' created_at (UTC).
  period  TEXT NOT NULL,
  -- 'status' (every report, hidden included), 'category' and 'source' (hidden excluded),
  -- 'verified' and 'closed' (hidden excluded; key = the duration in whole hours, rounded down
  -- to 1 h under 72 h, to 24 h under 2160 h (90 days), to 168 h beyond).
  dim     TEXT NOT NULL,
  key     TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, period, dim, key)
) STRICT, WITHOUT ROWID;

-- A unit and the units above it, itself included (the closure of parent_id), as a table so
-- each trigger reads a report's 1-4 ancestors by key. Units are inserted parents first (the
-- foreign key demands it), so a new unit's rows are its own plus its parent's.
CREATE TABLE unit_ancestors (
  unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  ancestor_id TEXT NOT NULL,
  PRIMARY KEY (unit_id, ancestor_id)
) STRICT, WITHOUT ROWID;

WITH RECURSIVE up (unit_id, ancestor_id) AS (
  SELECT id, id FROM units
  UNION ALL SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor_id WHERE u.parent_id IS NOT NULL
) INSERT INTO unit_ancestors SELECT unit_id, ancestor_id FROM up;

CREATE TRIGGER unit_ancestors_insert AFTER INSERT ON units BEGIN
  INSERT INTO unit_ancestors (unit_id, ancestor_id)
    SELECT new.id, new.id UNION ALL SELECT new.id, ancestor_id FROM unit_ancestors WHERE unit_id = new.parent_id;
END;

CREATE VIEW stats_granularities (prefix, len) AS SELECT 'D', 10 UNION ALL SELECT 'M', 7;

-- What one report contributes to stats_counts (before the ancestors and periods).
CREATE VIEW report_stat_keys (seq, unit_id, created_at, dim, key) AS
  SELECT seq, unit_id, created_at, 'status', status FROM reports
  UNION ALL SELECT seq, unit_id, created_at, 'category', category FROM reports WHERE status <> 'hidden'
  UNION ALL SELECT seq, unit_id, created_at, 'source', source FROM reports WHERE status <> 'hidden'
  UNION ALL SELECT seq, unit_id, created_at, 'verified', CAST(CASE
      WHEN h < 72 THEN h WHEN h < 2160 THEN h / 24 * 24 ELSE h / 168 * 168 END AS TEXT)
    FROM (SELECT seq, unit_id, created_at,
      max(0, CAST(round((julianday(first_verified_at) - julianday(created_at)) * 86400000) AS INTEGER)) / 3600000 AS h
      FROM reports WHERE status <> 'hidden' AND first_verified_at IS NOT NULL)
  UNION ALL SELECT seq, unit_id, created_at, 'closed', CAST(CASE
      WHEN h < 72 THEN h WHEN h < 2160 THEN h / 24 * 24 ELSE h / 168 * 168 END AS TEXT)
    FROM (SELECT seq, unit_id, created_at,
      max(0, CAST(round((julianday(closed_at) - julianday(created_at)) * 86400000) AS INTEGER)) / 3600000 AS h
      FROM reports WHERE status <> 'hidden' AND closed_at IS NOT NULL);

-- backfill:begin (bench/stats.ts reruns this part after a bulk load)
UPDATE reports SET
  first_verified_at = (SELECT min(h.at) FROM report_history h
    WHERE h.report_id = reports.id AND h.status NOT IN ('new', 'hidden')),
  closed_at = (SELECT min(h.at) FROM report_history h
    WHERE h.report_id = reports.id AND h.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank'));

CREATE TEMP TABLE stats_own AS
  SELECT unit_id, 'D' || substr(created_at, 1, 10) AS period, dim, key, count(*) AS n
  FROM report_stat_keys GROUP BY 1, 2, 3, 4;
INSERT INTO stats_counts (unit_id, period, dim, key, n)
  SELECT a.ancestor_id, s.period, s.dim, s.key, sum(s.n)
  FROM stats_own s JOIN unit_ancestors a ON a.unit_id = s.unit_id GROUP BY 1, 2, 3, 4;
INSERT INTO stats_counts (unit_id, period, dim, key, n)
  SELECT unit_id, 'M' || substr(period, 2, 7), dim, key, sum(n)
  FROM stats_counts WHERE period GLOB 'D*' GROUP BY 1, 2, 3, 4;
DROP TABLE stats_own;
-- backfill:end

-- Triggers keep stats_counts exact in the same transaction as every write. The common writes
-- move as little as possible: a new report adds its keys; a status change moves one 'status'
-- key; a newly set verification or final time adds one duration key. Anything else (a change
-- of unit, category, source or creation time, or hiding/unhiding, which adds or removes the
-- other keys) removes the report's whole contribution before the change (the row still has
-- its old values) and adds it back after.
CREATE TRIGGER stats_report_insert AFTER INSERT ON reports BEGIN
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(k.created_at, 1, g.len), k.dim, k.key, 1
    FROM report_stat_keys k JOIN unit_ancestors a ON a.unit_id = new.unit_id JOIN stats_granularities g
    WHERE k.seq = new.seq
    ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_report_delete BEFORE DELETE ON reports BEGIN
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(k.created_at, 1, g.len), k.dim, k.key, -1
    FROM report_stat_keys k JOIN unit_ancestors a ON a.unit_id = old.unit_id JOIN stats_granularities g
    WHERE k.seq = old.seq
    ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_report_status AFTER UPDATE OF status ON reports
WHEN old.status IS NOT new.status AND (old.status = 'hidden') = (new.status = 'hidden')
  AND old.unit_id IS new.unit_id AND old.created_at IS new.created_at
  AND old.category IS new.category AND old.source IS new.source BEGIN
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(new.created_at, 1, g.len), 'status', s.key, s.n
    FROM unit_ancestors a JOIN stats_granularities g JOIN (SELECT old.status AS key, -1 AS n UNION ALL SELECT new.status, 1) s
    WHERE a.unit_id = new.unit_id
    ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_report_times AFTER UPDATE OF first_verified_at, closed_at ON reports
WHEN new.status <> 'hidden' AND old.status <> 'hidden' AND old.unit_id IS new.unit_id AND old.created_at IS new.created_at
  AND old.category IS new.category AND old.source IS new.source BEGIN
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(new.created_at, 1, g.len), d.dim,
      CAST(CASE WHEN d.h < 72 THEN d.h WHEN d.h < 2160 THEN d.h / 24 * 24 ELSE d.h / 168 * 168 END AS TEXT), d.n
    FROM unit_ancestors a JOIN stats_granularities g JOIN (
      SELECT 'verified' AS dim, -1 AS n, max(0, CAST(round((julianday(old.first_verified_at) - julianday(new.created_at)) * 86400000) AS INTEGER)) / 3600000 AS h
        WHERE old.first_verified_at IS NOT NULL AND old.first_verified_at IS NOT new.first_verified_at
      UNION ALL SELECT 'verified', 1, max(0, CAST(round((julianday(new.first_verified_at) - julianday(new.created_at)) * 86400000) AS INTEGER)) / 3600000
        WHERE new.first_verified_at IS NOT NULL AND old.first_verified_at IS NOT new.first_verified_at
      UNION ALL SELECT 'closed', -1, max(0, CAST(round((julianday(old.closed_at) - julianday(new.created_at)) * 86400000) AS INTEGER)) / 3600000
        WHERE old.closed_at IS NOT NULL AND old.closed_at IS NOT new.closed_at
      UNION ALL SELECT 'closed', 1, max(0, CAST(round((julianday(new.closed_at) - julianday(new.created_at)) * 86400000) AS INTEGER)) / 3600000
        WHERE new.closed_at IS NOT NULL AND old.closed_at IS NOT new.closed_at
    ) d
    WHERE a.unit_id = new.unit_id
    ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_report_unset BEFORE UPDATE OF unit_id, category, status, source, created_at ON reports
WHEN old.unit_id IS NOT new.unit_id OR old.category IS NOT new.category OR old.source IS NOT new.source
  OR old.created_at IS NOT new.created_at OR (old.status = 'hidden') <> (new.status = 'hidden') BEGIN
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(k.created_at, 1, g.len), k.dim, k.key, -1
    FROM report_stat_keys k JOIN unit_ancestors a ON a.unit_id = old.unit_id JOIN stats_granularities g
    WHERE k.seq = old.seq
    ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_report_set AFTER UPDATE OF unit_id, category, status, source, created_at ON reports
WHEN old.unit_id IS NOT new.unit_id OR old.category IS NOT new.category OR old.source IS NOT new.source
  OR old.created_at IS NOT new.created_at OR (old.status = 'hidden') <> (new.status = 'hidden') BEGIN
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(k.created_at, 1, g.len), k.dim, k.key, 1
    FROM report_stat_keys k JOIN unit_ancestors a ON a.unit_id = new.unit_id JOIN stats_granularities g
    WHERE k.seq = new.seq
    ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- One UPDATE (so the report's contribution is moved once) that sets whichever time is still unset.
CREATE TRIGGER stats_history_insert AFTER INSERT ON report_history WHEN new.status NOT IN ('new', 'hidden') BEGIN
  UPDATE reports SET
    first_verified_at = coalesce(first_verified_at, new.at),
    closed_at = CASE WHEN closed_at IS NULL AND new.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank')
      THEN new.at ELSE closed_at END
  WHERE id = new.report_id AND (first_verified_at IS NULL
    OR (closed_at IS NULL AND new.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank')));
END;
