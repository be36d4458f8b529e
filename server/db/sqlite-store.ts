import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { AuditStore } from '../store/audit.js';
import type { CategoriesStore } from '../store/categories.js';
import type { CrimeStatsStore } from '../store/crime-stats.js';
import type { DailyActionsStore } from '../store/daily-actions.js';
import type { MailStore } from '../store/mail.js';
import type { OperationsStore } from '../store/operations.js';
import type { PowiatsStore } from '../store/powiats.js';
import type { PublicReportsStore } from '../store/public-reports.js';
import type { ReportsStore } from '../store/reports.js';
import type { SecretsStore } from '../store/secrets.js';
import type { StaffStore } from '../store/staff.js';
import type { StaffReportsStore } from '../store/staff-reports.js';
import type { StaffSessionsStore } from '../store/staff-sessions.js';
import type { StatsStore } from '../store/stats.js';
import type { Store, StoreUnit } from '../store/store.js';
import type { UnitConfigsStore } from '../store/unit-configs.js';
import type { UnitsStore } from '../store/units.js';
import { AuditRepository } from './audit-repository.js';
import { CategoriesRepository } from './categories-repository.js';
import { CrimeStatsRepository } from './crime-stats-repository.js';
import { DailyActionsRepository } from './daily-actions-repository.js';
import { MailRepository } from './mail-repository.js';
import { OperationsRepository } from './operations-repository.js';
import { PowiatsRepository } from './powiats-repository.js';
import { promised } from './promised.js';
import { PublicReportsRepository } from './public-reports-repository.js';
import { ReportsRepository } from './reports-repository.js';
import { SecretsRepository } from './secrets-repository.js';
import { StaffRepository } from './staff-repository.js';
import { StaffReportsRepository } from './staff-reports-repository.js';
import { StaffSessionsRepository } from './staff-sessions-repository.js';
import { SqliteReportMap } from './sqlite-report-map.js';
import { SqliteUnits, UnitLeftTheStoreError } from './sqlite-unit.js';
import { StatsRepository } from './stats-repository.js';
import { UnitConfigsRepository } from './unit-configs-repository.js';
import { UnitsRepository } from './units-repository.js';

/** The store port on one open SQLite database (the embedded default). */
export function sqliteStore(db: Database): Store {
  const crimeStatsRepository = new CrimeStatsRepository(db);
  const auditRepository = new AuditRepository(db);
  const reportsRepository = new ReportsRepository(db);
  const dailyActionsRepository = new DailyActionsRepository(db);
  const staffRepository = new StaffRepository(db);
  const staffSessionsRepository = new StaffSessionsRepository(db);
  const unitConfigsRepository = new UnitConfigsRepository(db);
  const mailRepository = new MailRepository(db);
  const staffReportsRepository = new StaffReportsRepository(db);
  const crimeStats = promised<CrimeStatsStore>(crimeStatsRepository);
  const audit = promised<AuditStore>(auditRepository);
  // One connection: a unit writes through the same repositories, inside its transaction, and
  // its handles refuse calls once its batch is over (a unit that left the store and came back).
  const guard = (): void => {
    if (!units.active) throw new UnitLeftTheStoreError();
  };
  const tx: StoreUnit = {
    crimeStats: promised<CrimeStatsStore>(crimeStatsRepository, guard),
    audit: promised<AuditStore>(auditRepository, guard),
    reports: promised<ReportsStore>(reportsRepository, guard),
    dailyActions: promised<DailyActionsStore>(dailyActionsRepository, guard),
    staff: promised<StaffStore>(staffRepository, guard),
    staffSessions: promised<StaffSessionsStore>(staffSessionsRepository, guard),
    unitConfigs: promised<UnitConfigsStore>(unitConfigsRepository, guard),
    mail: promised<MailStore>(mailRepository, guard),
    staffReports: promised<StaffReportsStore>(staffReportsRepository, guard),
  };
  const units: SqliteUnits = new SqliteUnits(db, tx);
  // total_changes() moves with every write of this connection (all the app's writes), PRAGMA
  // data_version with another process's commit (a seed, a restore). A boot id, because
  // total_changes() starts again at 0 in a new process.
  const boot = randomUUID().slice(0, 8);
  const ownChanges = db.prepare('SELECT total_changes()').pluck() as Statement<[], number>;
  const othersChanges = db.prepare('PRAGMA data_version').pluck() as Statement<[], number>;
  return {
    kind: 'sqlite',
    units: promised<UnitsStore>(new UnitsRepository(db)),
    categories: promised<CategoriesStore>(new CategoriesRepository(db)),
    stats: promised<StatsStore>(new StatsRepository(db)),
    crimeStats,
    audit,
    publicReports: promised<PublicReportsStore>(new PublicReportsRepository(db)),
    reports: promised<ReportsStore>(reportsRepository),
    dailyActions: promised<DailyActionsStore>(dailyActionsRepository),
    staff: promised<StaffStore>(staffRepository),
    staffSessions: promised<StaffSessionsStore>(staffSessionsRepository),
    unitConfigs: promised<UnitConfigsStore>(unitConfigsRepository),
    mail: promised<MailStore>(mailRepository),
    staffReports: promised<StaffReportsStore>(staffReportsRepository),
    powiats: promised<PowiatsStore>(new PowiatsRepository(db)),
    secrets: promised<SecretsStore>(new SecretsRepository(db)),
    operations: promised<OperationsStore>(new OperationsRepository(db)),
    reportMap: new SqliteReportMap(db),
    dataVersion: async () => `${boot}.${ownChanges.get()!}.${othersChanges.get()!}`,
    unit: (work, options) => units.run(work, options?.bytes),
    drain: () => units.whenIdle(),
  };
}
