import { parseArgs } from 'node:util';
import { MigrateStoreError } from './errors.js';

export const MIGRATE_STORE_USAGE =
  'Usage: npm run migrate-store -- --from sqlite:<file> --to postgres://<user>@<host>[:<port>]/<database>\n' +
  '  Copies a KMZB SQLite database into an empty PostgreSQL database (migrated first), as one transaction.\n' +
  '  The password may stay out of the URL (and of the process list) in PGPASSWORD or ~/.pgpass.';

export interface MigrateStoreArgs {
  /** The SQLite file (as given after `sqlite:`, relative to the working folder). */
  from: string;
  /** The PostgreSQL URL, password included if it had one: never print it, print `redactUrl(to)`. */
  to: string;
}

/**
 * `--from sqlite:<file> --to postgres://...` (or postgresql://), each once, nothing else.
 *
 * @returns undefined for `--help`.
 * @throws MigrateStoreError MIGRATE_USAGE, with a message that never contains the URL's password.
 */
export function parseMigrateStoreArgs(argv: readonly string[]): MigrateStoreArgs | undefined {
  let values: { from?: string | undefined; to?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs quotes an unexpected argument, which may be a URL with a password in it.
    throw usage(redactPasswords((error as Error).message));
  }
  if (values.help) return undefined;
  if (values.from === undefined) throw usage('--from is missing.');
  if (values.to === undefined) throw usage('--to is missing.');
  if (!values.from.startsWith('sqlite:') || values.from.length === 'sqlite:'.length) {
    throw usage(`--from must be sqlite:<file>, e.g. --from sqlite:var/kmzb.sqlite (got ${JSON.stringify(values.from)}).`);
  }
  let url: URL;
  try {
    url = new URL(values.to);
  } catch {
    // Not echoed: a malformed URL may still hold a password.
    throw usage('--to is not a URL; it must look like postgres://user@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw usage(`--to must be a postgres:// (or postgresql://) URL, not ${url.protocol}//...`);
  }
  if (url.pathname.length <= 1) throw usage(`--to names no database: ${redactUrl(values.to)} (add /<database>).`);
  return { from: values.from.slice('sqlite:'.length), to: values.to };
}

/** The URL with its password, if any, replaced by ****: what may be printed or logged. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '****';
    return url.toString();
  } catch {
    return '<the --to URL>';
  }
}

/** Any `scheme://user:password@` in a text with the password replaced by ****: a last guard on what is printed. */
export function redactPasswords(text: string): string {
  return text.replace(/(\/\/[^\s:@/]*:)[^\s@/]*@/g, '$1****@');
}

function usage(problem: string): MigrateStoreError {
  return new MigrateStoreError('MIGRATE_USAGE', `${problem}\n${MIGRATE_STORE_USAGE}`);
}
