import type { SecretsStore } from '../secrets.js';
import { run, statement, type PgDb } from './pg-db.js';

// Insert-if-absent and read in one statement: the CTE's insert is invisible to the outer
// SELECT, so the value comes from the insert when it happened, else from the table.
const STORED = statement('secrets_stored', `WITH kept AS (
    INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING value
  )
  SELECT value FROM kept UNION ALL SELECT value FROM server_secrets WHERE name = $1 LIMIT 1`);

/** The server_secrets table (server/store/secrets.ts). */
export class PgSecrets implements SecretsStore {
  constructor(private readonly db: PgDb) {}

  /**
   * An instance starting at the same moment may insert first: ours then waits for its commit and
   * does nothing, while our statement's snapshot predates that commit and sees no row. The next
   * statement's snapshot does.
   */
  async stored(name: string, make: () => Buffer): Promise<Buffer> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { rows } = await run<{ value: Buffer }>(this.db, STORED, [name, make()]);
      if (rows[0]) return rows[0].value;
    }
    throw new Error(`Secret ${name} was not stored`);
  }
}
