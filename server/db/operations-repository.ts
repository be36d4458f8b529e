import { statSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import type { OperationsStore } from '../store/operations.js';
import type { Sync } from '../store/sync.js';

/** What operators watch, on the SQLite file (server/store/operations.ts). */
export class OperationsRepository implements Sync<OperationsStore> {
  private readonly one: Statement<[]>;
  private readonly overdueCounts: Statement<{ readBy: string; verifyBy: string }, { read: number | null; verify: number | null }>;
  private readonly unsent: Statement<[], { waiting: number | null; failed: number | null; retrying: number | null }>;

  constructor(private readonly db: Database) {
    this.one = db.prepare('SELECT 1');
    this.overdueCounts = db.prepare(
      `SELECT sum(status = 'new' AND created_at < @readBy) AS read, sum(created_at < @verifyBy) AS verify
       FROM reports WHERE status IN ('new', 'verifying') AND demo = 0`,
    );
    this.unsent = db.prepare(
      `SELECT sum(failed_at IS NULL) AS waiting, sum(failed_at IS NOT NULL) AS failed, sum(failed_at IS NULL AND attempts > 0) AS retrying
       FROM mail_queue WHERE sent_at IS NULL`,
    );
  }

  ping(): void {
    this.one.get();
  }

  overdue(readBy: string, verifyBy: string): { read: number; verify: number } {
    const row = this.overdueCounts.get({ readBy, verifyBy })!;
    return { read: row.read ?? 0, verify: row.verify ?? 0 };
  }

  mailQueue(): { waiting: number; retrying: number; failed: number } {
    const row = this.unsent.get()!;
    return { waiting: row.waiting ?? 0, retrying: row.retrying ?? 0, failed: row.failed ?? 0 };
  }

  /** The main file and its write-ahead log (none between a checkpoint that removed it and the next write). */
  sizes(): { part: string; bytes: number }[] {
    if (this.db.memory) return [];
    return [['main', this.db.name], ['wal', `${this.db.name}-wal`]].map(([part, path]) => {
      try {
        return { part: part!, bytes: statSync(path!).size };
      } catch {
        return { part: part!, bytes: 0 };
      }
    });
  }
}
