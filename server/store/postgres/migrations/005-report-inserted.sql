-- One row trigger for a new report instead of three (issue 16: 1,000 durable reports per
-- second). stats_report_insert, map_cells_insert and map_versions_insert each ran a PL/pgSQL
-- function that called another (kmzb_stats_contribute, kmzb_map_cells_apply,
-- kmzb_map_versions_bump): six function calls, each a query of PL/pgSQL's, to pend three
-- kinds of deltas (003). The triggers were most of a report's insert on PostgreSQL's side
-- (bench/store-write.ts: 531 µs a unit with them, 355 µs without), and a batch's units run one
-- after another. kmzb_report_inserted pends the same rows, for the same reports, in one call.
-- Deletes and updates keep their triggers of 001 (as 003 changed them).
CREATE FUNCTION kmzb_report_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kmzb.deltas', true) IS DISTINCT FROM 'on' THEN
    PERFORM kmzb_deltas_open();
  END IF;
  -- kmzb_stats_contribute(NEW, 1)
  INSERT INTO pg_temp.kmzb_stats_delta (unit_id, created_at, dim, key, n)
    SELECT NEW.unit_id, NEW.created_at, k.dim, k.key, 1
    FROM kmzb_stat_keys(NEW.status, NEW.category, NEW.source, NEW.created_at, NEW.first_verified_at, NEW.closed_at) k;
  -- kmzb_map_cells_apply(NULL, NEW)
  IF kmzb_map_counted(NEW.status, NEW.updated_at) THEN
    INSERT INTO pg_temp.kmzb_map_delta (created_at, status, category, gx, gy, unit_id, micro_lon, micro_lat, updated_at, n)
      VALUES (NEW.created_at, NEW.status, NEW.category, NEW.grid_x, NEW.grid_y, NEW.unit_id,
        kmzb_micro(NEW.lon), kmzb_micro(NEW.lat), NEW.updated_at, 1);
  END IF;
  -- kmzb_map_versions_bump(NEW.unit_id)
  INSERT INTO pg_temp.kmzb_versions_delta (unit_id) VALUES (NEW.unit_id);
  RETURN NULL;
END
$$;

DROP TRIGGER stats_report_insert ON reports;
DROP TRIGGER map_cells_insert ON reports;
DROP TRIGGER map_versions_insert ON reports;
CREATE TRIGGER report_inserted AFTER INSERT ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_report_inserted();
