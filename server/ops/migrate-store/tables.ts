/**
 * Which tables a migration from SQLite to PostgreSQL copies, in which order, and which it
 * leaves out: the one place to change when a migration adds a table. The columns are not
 * listed: they are read from both databases at run time (columns.ts), and any difference
 * between the two is an error, so that a column added on one side only stops the migration
 * instead of being lost.
 *
 * The derived aggregates (stats_counts, unit_ancestors, map_cells, map_national, map_versions)
 * are copied as they are, with PostgreSQL's triggers off during the copy, rather than rebuilt
 * from the reports. The triggers' results carry history that no rebuild can recover: a row
 * whose count fell to 0 stays, updated_max only grows (the map answers' Last-Modified), and
 * map_versions counts every write since the start (the map cache's versions must not go
 * back). SQLite's triggers and PostgreSQL's make the same rows from the same writes
 * (server/test/pg-schema.test.ts compares them row for row), so SQLite's tables are exactly
 * what PostgreSQL's triggers would hold had the same writes gone to it; a rebuild would not be
 * (server/test/migrate-store-aggregates.test.ts holds a copy to a reference PostgreSQL's
 * triggers filled). map_cuts (the map's windows), map_suffixes and map_frontier (where the
 * suffix buckets end) go with them: map_cells is only right at its cuts and its frontier.
 */

/**
 * - `reference`: seeded by the migrations or pgSeedIfEmpty (units, areas, catalogues), so a
 *   fresh target already has rows. They are replaced by the source's: the source wins, also
 *   when its units differ from the shipped ones.
 * - `data`: what the product writes while it runs. The target must have none of it.
 * - `aggregate`: kept by triggers from the data; as `data`, the target must have none.
 */
export type TableRole = 'reference' | 'data' | 'aggregate';

export interface CopiedTable {
  name: string;
  role: TableRole;
  /**
   * ORDER BY of the source read: the primary key (SQLite reads it in storage order, and the
   * rows go into PostgreSQL's heap in key order, which its index builds and range scans like).
   */
  orderBy: string;
}

/**
 * In the order of the foreign keys (parents first), although the keys are only checked once
 * every row is in (pg-indexes.ts): it reads as the schema does.
 */
export const COPIED_TABLES: readonly CopiedTable[] = [
  { name: 'voivodeships', role: 'reference', orderBy: 'teryt' },
  { name: 'powiats', role: 'reference', orderBy: 'teryt' },
  { name: 'units', role: 'reference', orderBy: 'id' },
  { name: 'unit_powiats', role: 'reference', orderBy: 'unit_id, teryt' },
  { name: 'unit_ancestors', role: 'reference', orderBy: 'unit_id, ancestor_id' },
  { name: 'categories', role: 'reference', orderBy: 'code' },
  { name: 'statuses', role: 'reference', orderBy: 'id' },
  { name: 'server_secrets', role: 'data', orderBy: 'name' },
  { name: 'staff', role: 'data', orderBy: 'id' },
  { name: 'staff_sessions', role: 'data', orderBy: 'id_hash' },
  { name: 'login_failures', role: 'data', orderBy: 'rowid' },
  { name: 'reports', role: 'data', orderBy: 'seq' },
  { name: 'report_history', role: 'data', orderBy: 'rowid' },
  { name: 'confirmations', role: 'data', orderBy: 'rowid' },
  { name: 'report_photos', role: 'data', orderBy: 'report_id, ordinal' },
  { name: 'report_contacts', role: 'data', orderBy: 'report_id' },
  { name: 'daily_actions', role: 'data', orderBy: 'rowid' },
  { name: 'audit_log', role: 'data', orderBy: 'seq' },
  { name: 'unit_configs', role: 'data', orderBy: 'unit_id' },
  { name: 'crime_stats', role: 'data', orderBy: 'teryt, month, category' },
  { name: 'mail_queue', role: 'data', orderBy: 'id' },
  { name: 'mail_digests', role: 'data', orderBy: 'staff_id, day' },
  { name: 'mail_watermarks', role: 'reference', orderBy: 'name' },
  { name: 'stats_counts', role: 'aggregate', orderBy: 'unit_id, period, dim, key' },
  { name: 'map_cuts', role: 'reference', orderBy: 'status' },
  { name: 'map_suffixes', role: 'reference', orderBy: 'period' },
  { name: 'map_frontier', role: 'reference', orderBy: 'day' },
  { name: 'map_cells', role: 'aggregate', orderBy: 'period, status, category, gx, gy, unit_id' },
  { name: 'map_national', role: 'aggregate', orderBy: 'period, status, category, gx, gy' },
  { name: 'map_versions', role: 'aggregate', orderBy: 'unit_id' },
];

/** SQLite tables deliberately not copied, and why. */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  reports_rtree:
    "SQLite's R*Tree of the report points (a virtual table kept by triggers); PostgreSQL computes the " +
    'generated column reports.geom from lon/lat as each report goes in, and indexes it with GiST',
  reports_rtree_node: "the R*Tree's own storage",
  reports_rtree_parent: "the R*Tree's own storage",
  reports_rtree_rowid: "the R*Tree's own storage",
};

/** PostgreSQL tables that have no SQLite counterpart, and why they are left alone. */
export const TARGET_ONLY: Readonly<Record<string, string>> = {
  schema_version: "the PostgreSQL migrator's own record of the migrations applied (SQLite keeps it in PRAGMA user_version)",
  spatial_ref_sys: "PostGIS's catalogue of coordinate systems, owned by the extension",
  write_throttle:
    "the per-minute write throttle shared by PostgreSQL instances (migration 002): each row counts one client's hits in " +
    'the current minute, nothing worth carrying over (on SQLite the one process keeps it in memory)',
  kmzb_stats_delta_shape:
    "the shape of a transaction's pending statistics contributions (migration 003): always empty, each session's " +
    'temporary delta table is made LIKE it',
  kmzb_map_delta_shape: "the shape of a transaction's pending map-cell contributions (migration 003): always empty",
  kmzb_versions_delta_shape: "the shape of a transaction's pending map-version bumps (migration 003): always empty",
};
