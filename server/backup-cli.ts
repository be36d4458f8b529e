/**
 * `npm run backup -- <file>`: a consistent copy of the database of KMZB_DB, taken while the
 * server runs and writes (SQLite's online backup API), checked with PRAGMA integrity_check.
 * Prints the copy's size and report count; exits 1 with a message when anything failed, and
 * then leaves no file at <file>.
 */
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { backupDatabase, DatabaseFileError } from './ops/backup.js';

async function main(argv: string[]): Promise<void> {
  const target = argv.find((arg) => !arg.startsWith('-'));
  if (!target || argv.length !== 1) throw new ConfigError('Usage: npm run backup -- <backup file>   (the database is KMZB_DB)');
  const { dbPath, databaseUrl } = loadConfig();
  // These copy the SQLite file; a PostgreSQL database has its own tools (README "Storage").
  if (databaseUrl) throw new ConfigError('KMZB_DATABASE_URL is set, but this command works on the SQLite file of KMZB_DB. For PostgreSQL use pg_dump and pg_restore, as README "Storage" describes.');
  const started = performance.now();
  const copy = await backupDatabase(dbPath, resolve(target));
  const mib = (copy.bytes / 1024 / 1024).toFixed(1);
  console.log(
    `kmzb: backed up ${dbPath} to ${resolve(target)}: ${copy.bytes} bytes (${mib} MiB), ${copy.reports} reports, ` +
      `schema version ${copy.version}, integrity ok, ${Math.round(performance.now() - started)} ms`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseFileError) console.error(`kmzb: ${error.message}`);
  else console.error('kmzb: backup failed:', error);
  process.exit(1);
});
