import { readdirSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The ids of the processes (other than this one) that have the database, its WAL or its
 * shared-memory file open, found through /proc/<pid>/fd. A running server keeps all three
 * open for as long as it runs, and so does any other SQLite client (the sqlite3 shell, a
 * script): replacing the file under any of them would lose its writes or corrupt the copy.
 * This needs no cooperation from the holder, so it also sees a server of an older release
 * or one that crashed while holding a lock file would have been left behind.
 *
 * Linux only (null elsewhere: nothing could be checked). Processes of other users are seen
 * only by root or their own user, and processes in another container not at all: run it
 * as the service's user or root, on the host or container where the server runs.
 */
export function databaseHolders(dbPath: string): number[] | null {
  if (process.platform !== 'linux') return null;
  const db = resolve(dbPath);
  const files = new Set([db, `${db}-wal`, `${db}-shm`, `${db}-journal`]);
  const holders: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to look at
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (files.has(target)) {
        holders.push(Number(entry));
        break;
      }
    }
  }
  return holders;
}
