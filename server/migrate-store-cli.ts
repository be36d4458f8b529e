/**
 * `npm run migrate-store -- --from sqlite:var/kmzb.sqlite --to postgres://kmzb@db.example/kmzb`:
 * copies a KMZB SQLite database into an empty PostgreSQL database (see
 * ops/migrate-store/copy.ts): all or nothing, counts checked, the SQLite file only read.
 * Progress per table goes to stderr, the summary to stdout. Exits 0 when copied; otherwise
 * prints `kmzb: migrate-store: <CODE>: <why>` and exits with the code's number
 * (ops/migrate-store/errors.ts: 2 usage, 3 source, 4 target not empty, 5 schemas differ,
 * 6 target busy, 7 counts differ, 8 copy failed, 9 target unusable; 1 anything unforeseen).
 * The URL's password is never printed.
 */
import { resolve } from 'node:path';
import { MIGRATE_STORE_USAGE, parseMigrateStoreArgs, redactPasswords, redactUrl } from './ops/migrate-store/arguments.js';
import { copySqliteToPostgres, type CopyEvent } from './ops/migrate-store/copy.js';
import { MigrateStoreError } from './ops/migrate-store/errors.js';
import { createPgPool } from './store/postgres/pool.js';

const number = new Intl.NumberFormat('en-GB');

/** Progress lines: each table when done, and a long table's rows every few seconds. */
function printer(): (event: CopyEvent) => void {
  let lastLine = performance.now();
  return (event) => {
    if (event.kind === 'step') {
      console.error(`  ${event.step} (${event.seconds.toFixed(1)} s)`);
      return;
    }
    if (event.kind === 'index') {
      // Only the builds that take a while (there are ~80 of them).
      if (event.seconds < 1) return;
      // The statement up to its column list: "CREATE INDEX reports_geom ON public.reports USING gist", "ALTER TABLE staff ADD CONSTRAINT staff_pkey PRIMARY KEY".
      console.error(`  ${event.statement.replace(/\s*\(.*$/s, '')}: ${event.seconds.toFixed(1)} s`);
      return;
    }
    if (event.done) {
      const rate = event.seconds > 0 ? `, ${number.format(Math.round(event.rows / event.seconds))} rows/s` : '';
      console.error(`  ${event.table}: ${number.format(event.rows)} rows in ${event.seconds.toFixed(1)} s${rate}`);
      lastLine = performance.now();
    } else if (performance.now() - lastLine > 5000) {
      console.error(`  ${event.table}: ${number.format(event.rows)} of ${number.format(event.total)} rows, ${event.seconds.toFixed(0)} s`);
      lastLine = performance.now();
    }
  };
}

async function main(argv: string[]): Promise<void> {
  const args = parseMigrateStoreArgs(argv);
  if (!args) {
    console.log(MIGRATE_STORE_USAGE);
    return;
  }
  const from = resolve(args.from);
  console.error(`kmzb: migrating sqlite:${from} into ${redactUrl(args.to)}`);
  // One connection does the copy; the migrator takes its own for its lock.
  const pool = createPgPool({ connectionString: args.to, max: 2 });
  // An idle connection's error (the server restarted) must not crash the process unhandled.
  pool.on('error', () => undefined);
  try {
    const result = await copySqliteToPostgres(from, pool, { onProgress: printer() });
    const perSecond = (n: number) => number.format(Math.round(n / result.seconds));
    console.log(
      `kmzb: copied ${number.format(result.reports)} reports and ${number.format(result.rows)} rows in ${result.tables.length} tables ` +
        `into ${redactUrl(args.to)} in ${result.seconds.toFixed(1)} s, indexes ${result.indexSeconds.toFixed(1)} s of it ` +
        `(${perSecond(result.reports)} reports/s, ${perSecond(result.rows)} rows/s); ` +
        'every table\'s count equals the source\'s',
    );
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof MigrateStoreError) {
    console.error(`kmzb: migrate-store: ${error.code}: ${redactPasswords(error.message)}`);
    process.exit(error.exitCode);
  }
  console.error(`kmzb: migrate-store failed: ${redactPasswords(error instanceof Error ? error.stack ?? error.message : String(error))}`);
  process.exit(1);
});
