-- The public map (GET /api/v1/reports) reads a unit subtree's reports in a time window and
-- needs only public columns. This index holds all of them after (unit_id, created_at), so
-- the map never touches the wide table rows (tracking hash, description) and a national
-- aggregate scans the narrower index. It starts like reports_unit_created, which it replaces.
CREATE INDEX reports_map ON reports (unit_id, created_at, status, category, updated_at, lon, lat, confirmations, id);
DROP INDEX reports_unit_created;
