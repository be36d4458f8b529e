import type { Database, Statement } from 'better-sqlite3';
import type { SecretsStore } from '../store/secrets.js';
import type { Sync } from '../store/sync.js';

/** The server_secrets table for the store port (server/store/secrets.ts). */
export class SecretsRepository implements Sync<SecretsStore> {
  private readonly keep: Statement<[string, Buffer]>;
  private readonly read: Statement<[string], Buffer>;

  constructor(db: Database) {
    this.keep = db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)');
    this.read = db.prepare('SELECT value FROM server_secrets WHERE name = ?').pluck() as Statement<[string], Buffer>;
  }

  /** INSERT OR IGNORE then SELECT: two processes starting on one file at once agree on one value. */
  stored(name: string, make: () => Buffer): Buffer {
    this.keep.run(name, make());
    const value = this.read.get(name);
    if (!value) throw new Error(`Secret ${name} was not stored`);
    return value;
  }
}
