-- A map box's edge cells without reading every report in them (issue 17). A box at zoom 7-8
-- cuts through a ring of base cells; their reports inside the box were read from
-- reports_cells, the whole cells (a million reports at 10 M, ~300 ms). With the cut's
-- coordinate after the cell, status and category, one seek per cell, status and category
-- reads only one side of the cut: the part inside the box, or (when the box holds most of the
-- cell) the part outside, taken from the cell's aggregate count; and the groups (cell, status,
-- category) come out in index order, without a sort. A column of edge cells is cut by
-- longitude, a row by latitude: one index each, both holding every column the groups and the
-- filter read (as reports_cells did).
DROP INDEX reports_cells;
CREATE INDEX reports_cells_lon ON reports (grid_x, grid_y, status, category, lon, created_at, updated_at, unit_id, lat);
CREATE INDEX reports_cells_lat ON reports (grid_x, grid_y, status, category, lat, created_at, updated_at, unit_id, lon);
