-- Fewer indexes on reports (issue 16: 1,000 durable reports per second on 3 M reports).
--
-- The baseline copied SQLite's indexes one for one, and every new report is an entry in each
-- of the 13. On 3 M reports PostgreSQL spent ~750-780 µs of CPU a report (bench:report-write
-- --on); the insert statement (the row, its index entries, its history row) was ~280 µs of it
-- (pg_stat_statements). The two grid indexes put each report at a random place among
-- thousands of cells (nine columns wide), which is what grows with the table. Three of the
-- indexes answer no question of this store:
--
-- - reports_cells_lon and reports_cells_lat (SQLite's 022): SQLite's map engine reads the
--   edge cells of a box through them (server/db/map-base-cells.ts). PostgreSQL's finds the
--   edge's reports through the GiST index on geom (pg-map-counted.ts, edge()), and its
--   windowed corrections and sweep through reports_status_updated.
-- - reports_status: every query on status alone is answered by reports_status_updated, which
--   starts with status.
--
-- bench:reports-read --store postgres prints the index scans of a run. Before this migration,
-- on 300 k reports: reports_cells_lon 1, reports_cells_lat 7, reports_status 21, against
-- ~3,400 scans of the others (the planner's second choices where the others serve). On 3 M
-- reports, the same database with and without the three, loads one after the other: 944 and
-- 1,076 reports/s with them, 1,010 and 1,195 without (PostgreSQL 692-805 µs of CPU a report
-- against 631-775, WAL 13.5 KiB a report against 9.2-9.6); the read bench's uncached random
-- questions kept their medians (country 40 ms, voivodeship 66 and 59, county 14 and 13).
DROP INDEX reports_cells_lon;
DROP INDEX reports_cells_lat;
DROP INDEX reports_status;
