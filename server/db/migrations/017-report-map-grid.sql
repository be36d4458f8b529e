-- The national map's clusters without a sort of millions of rows. grid_x/grid_y are the
-- report's cell at the base zoom 8 of reports/clusters.ts (cells of 80 px: 0.439453125° of
-- longitude, that times cos 52° of latitude, counted from -180/-90), so a cell at any zoom up
-- to 8 is (grid_x >> k, grid_y >> k) exactly. Virtual columns cost nothing in the rows; the
-- index, ordered by cell then status and category, lets SQLite group a whole-country scan
-- as it reads (no temporary B-tree), and holds every column the map's aggregate reads.
-- The constants must stay equal to gridAt(GRID_BASE_ZOOM) (a test checks it).
ALTER TABLE reports ADD COLUMN grid_x INTEGER GENERATED ALWAYS AS (CAST((lon + 180) / 0.439453125 AS INTEGER)) VIRTUAL;
ALTER TABLE reports ADD COLUMN grid_y INTEGER GENERATED ALWAYS AS (CAST((lat + 90) / 0.2705543592739709 AS INTEGER)) VIRTUAL;
CREATE INDEX reports_grid ON reports (grid_x, grid_y, status, category, updated_at, created_at, lon, lat);
