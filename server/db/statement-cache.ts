import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements of SQL built at run time (IN lists differ by their lengths), prepared once
 * per text and kept. A bound on distinct texts: past it, the cache starts over rather than grow.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Database, private readonly limit = 500) {}

  get(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= this.limit) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
