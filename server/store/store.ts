import type { AuditStore } from './audit.js';
import type { CategoriesStore } from './categories.js';
import type { CrimeStatsStore } from './crime-stats.js';
import type { DailyActionsStore } from './daily-actions.js';
import type { MailStore } from './mail.js';
import type { OperationsStore } from './operations.js';
import type { PowiatsStore } from './powiats.js';
import type { PublicReportsStore } from './public-reports.js';
import type { ReportMapStore } from './report-map.js';
import type { ReportsStore } from './reports.js';
import type { SecretsStore } from './secrets.js';
import type { StaffStore } from './staff.js';
import type { StaffReportsStore } from './staff-reports.js';
import type { StaffSessionsStore } from './staff-sessions.js';
import type { StatsStore } from './stats.js';
import type { ThrottleStore } from './throttle.js';
import type { UnitConfigsStore } from './unit-configs.js';
import type { UnitsStore } from './units.js';

/**
 * The store port: what the product keeps, behind interfaces two adapters implement, SQLite
 * (server/db, the embedded default) and PostgreSQL with PostGIS (server/store/postgres). The
 * domain depends on these interfaces, never on a driver (server/test/layers.test.ts).
 * Methods are asynchronous because a network database is; the SQLite adapter answers at once.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly units: UnitsStore;
  readonly categories: CategoriesStore;
  readonly stats: StatsStore;
  readonly crimeStats: CrimeStatsStore;
  readonly audit: AuditStore;
  readonly publicReports: PublicReportsStore;
  readonly reports: ReportsStore;
  readonly dailyActions: DailyActionsStore;
  readonly staff: StaffStore;
  readonly staffSessions: StaffSessionsStore;
  readonly unitConfigs: UnitConfigsStore;
  readonly mail: MailStore;
  readonly staffReports: StaffReportsStore;
  readonly powiats: PowiatsStore;
  readonly secrets: SecretsStore;
  readonly operations: OperationsStore;
  /**
   * Write throttle counters shared between instances (PostgreSQL). Absent where one process
   * owns the store (a SQLite file): the HTTP edge then counts in memory.
   */
  readonly throttle?: ThrottleStore;
  /** The public map of reports (GET /api/v1/reports): its reads, its aggregate's sweep. */
  readonly reportMap: ReportMapStore;
  /**
   * An opaque token that changes whenever a write commits, from this process or another (a
   * seed, a restore, a second app instance): the version in ETags of answers read from the store.
   */
  dataVersion(): Promise<string>;
  /**
   * Runs `work` as one atomic unit: everything it writes through `tx` commits together, or
   * nothing does when it throws (the error is rethrown). Units run one at a time per store.
   * `work` must await only `tx` (no timers, files or network): SQLite holds its single writer
   * for the whole unit, and its adapter refuses a unit that gives the event loop away.
   * Units that arrive together may share one commit (group commit).
   */
  unit<T>(work: (tx: StoreUnit) => Promise<T>, options?: UnitOptions): Promise<T>;
  /** Resolves once every unit handed in so far has settled (before the store closes). */
  drain(): Promise<void>;
}

/** What a unit tells the store about itself (Store.unit). */
export interface UnitOptions {
  /** How much large data (photos) the unit writes, so that one commit never carries many large uploads. */
  bytes?: number;
  /**
   * The unit asks for all its statements at once, before awaiting any answer (Promise.all):
   * on PostgreSQL the next unit of its batch then starts without waiting for its answers
   * (pg-unit-pipeline.ts). Only a hint: a unit that asks for more later is still run right.
   */
  oneRoundTrip?: boolean;
}

/** What a unit of work may write (and read, seeing its own writes). */
export interface StoreUnit {
  readonly crimeStats: CrimeStatsStore;
  readonly audit: AuditStore;
  readonly reports: ReportsStore;
  readonly dailyActions: DailyActionsStore;
  readonly staff: StaffStore;
  readonly staffSessions: StaffSessionsStore;
  readonly unitConfigs: UnitConfigsStore;
  readonly mail: MailStore;
  readonly staffReports: StaffReportsStore;
}
