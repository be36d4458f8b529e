import type { Database } from 'better-sqlite3';

/**
 * Returns the secret stored under `name`, creating it with `make` on first use. INSERT OR
 * IGNORE then SELECT, so two processes starting on one file at once agree on one value.
 */
export function storedSecret(db: Database, name: string, make: () => Buffer): Buffer {
  db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)').run(name, make());
  const row = db.prepare<[string], { value: Buffer }>('SELECT value FROM server_secrets WHERE name = ?').get(name);
  if (!row) throw new Error(`Secret ${name} was not stored`);
  return row.value;
}
