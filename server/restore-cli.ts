/**
 * `npm run restore -- <backup file>`: replaces the database of KMZB_DB with a backup. Refuses
 * while a process holds the database, checks the backup first, and keeps the old database
 * aside as `<KMZB_DB>.before-restore-<time>` (see ops/restore.ts).
 */
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { RestoreRefused, restoreDatabase } from './ops/restore.js';

async function main(argv: string[]): Promise<void> {
  const source = argv.find((arg) => !arg.startsWith('-'));
  if (!source || argv.length !== 1) throw new ConfigError('Usage: npm run restore -- <backup file>   (the database is KMZB_DB)');
  const { dbPath, databaseUrl } = loadConfig();
  // These copy the SQLite file; a PostgreSQL database has its own tools (README "Storage").
  if (databaseUrl) throw new ConfigError('KMZB_DATABASE_URL is set, but this command works on the SQLite file of KMZB_DB. For PostgreSQL use pg_dump and pg_restore, as README "Storage" describes.');
  const result = await restoreDatabase(resolve(source), dbPath);
  console.log(`kmzb: restored ${resolve(source)} into ${dbPath}: ${result.reports} reports, schema version ${result.version}`);
  console.log(result.keptAside ? `kmzb: the previous database is kept as ${result.keptAside}` : 'kmzb: there was no previous database');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RestoreRefused) console.error(`kmzb: ${error.message}`);
  else console.error('kmzb: restore failed:', error);
  process.exit(1);
});
