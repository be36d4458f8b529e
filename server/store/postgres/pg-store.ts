import type pg from 'pg';
import type { Store, StoreUnit } from '../store.js';
import { PgAudit } from './pg-audit.js';
import { PgCategories } from './pg-categories.js';
import { PgCrimeStats } from './pg-crime-stats.js';
import { PgDailyActions } from './pg-daily-actions.js';
import type { PgDb } from './pg-db.js';
import { PgMail } from './pg-mail.js';
import { PgOperations } from './pg-operations.js';
import { PgPowiats } from './pg-powiats.js';
import { PgPublicReports } from './pg-public-reports.js';
import { PgReportMap } from './pg-report-map.js';
import { PgReports } from './pg-reports.js';
import { PgSecrets } from './pg-secrets.js';
import { PgStaff } from './pg-staff.js';
import { PgStaffReports } from './pg-staff-reports.js';
import { PgStaffSessions } from './pg-staff-sessions.js';
import { PgStats } from './pg-stats.js';
import { PgThrottle } from './pg-throttle.js';
import { PgUnitQueue, type PgUnitOptions } from './pg-unit.js';
import { PgUnitConfigs } from './pg-unit-configs.js';
import { PgUnits } from './pg-units.js';

/** The handles of one unit of work, on its batch's connection. */
function unitHandles(db: PgDb): StoreUnit {
  return {
    crimeStats: new PgCrimeStats(db),
    audit: new PgAudit(db),
    reports: new PgReports(db),
    dailyActions: new PgDailyActions(db),
    staff: new PgStaff(db),
    staffSessions: new PgStaffSessions(db),
    unitConfigs: new PgUnitConfigs(db),
    mail: new PgMail(db),
    staffReports: new PgStaffReports(db),
  };
}

/**
 * The whole store port (every part of Store, and of StoreUnit in its units) on a PostgreSQL 15+
 * database with PostGIS, migrated by migratePostgres, through a pool made by createPgPool
 * (pool.ts: its type parsers return int8 and numeric as numbers).
 * Reads outside a unit run on any pooled connection; units run in batches on one connection at
 * a time (pg-unit.ts); an export holds a connection of its own until its cursor is closed. The
 * pool belongs to the caller, who ends it after drain().
 */
export function pgStore(pool: pg.Pool, options: PgUnitOptions = {}): Store {
  const units = new PgUnitQueue<StoreUnit>(pool, unitHandles, options);
  const reportMap = new PgReportMap(pool);
  // The map reads its units' versions again after a write of this instance (another's is
  // seen within PgReportMap's OTHERS_CHECK_MS). Registered before the caller's own reaction,
  // so a request that awaited its unit and then asks for the map sees its write.
  const wrote = <T>(done: Promise<T>): Promise<T> => {
    done.then(() => reportMap.wrote(), () => reportMap.wrote());
    return done;
  };
  return {
    kind: 'postgres',
    units: new PgUnits(pool),
    categories: new PgCategories(pool),
    stats: new PgStats(pool),
    crimeStats: new PgCrimeStats(pool),
    audit: new PgAudit(pool),
    publicReports: new PgPublicReports(pool, pool),
    reports: new PgReports(pool),
    dailyActions: new PgDailyActions(pool),
    staff: new PgStaff(pool),
    staffSessions: new PgStaffSessions(pool),
    unitConfigs: new PgUnitConfigs(pool),
    mail: new PgMail(pool),
    staffReports: new PgStaffReports(pool),
    powiats: new PgPowiats(pool),
    secrets: new PgSecrets(pool),
    operations: new PgOperations(pool),
    throttle: new PgThrottle(pool),
    reportMap,
    dataVersion: () => dataVersion(pool),
    unit: (work, options) => wrote(units.run(work, options?.bytes, options?.oneRoundTrip)),
    drain: () => units.whenIdle(),
  };
}

/**
 * The current snapshot (pg_current_snapshot(): xmin, xmax and the transaction ids in progress)
 * as the data version. Whenever a transaction that wrote anything commits, from any instance,
 * a seed or a restore, the next snapshot differs from every one taken before (the transaction
 * was in progress or not yet started in them, and is finished in it), so the token changes
 * exactly when what a new statement could read may have changed. It reads no table and takes
 * no lock, so writers share no hot row for it and the schema needs nothing. It also changes
 * when a write of another database of the cluster ends, or a rolled-back one, or an
 * autoanalyze: more often than needed, never less, which only costs a cache miss.
 */
async function dataVersion(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ v: string }>({ name: 'kmzb_data_version', text: 'SELECT md5(pg_current_snapshot()::text) AS v' });
  return rows[0]!.v.slice(0, 16);
}
