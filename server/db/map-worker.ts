/**
 * Worker thread of the public map (see map-workers.ts): answers map questions from its own
 * read-only connection. WAL lets it read while the main thread writes, and a national
 * aggregate over millions of reports then takes this thread's time, not the event loop's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { MapJob } from '../store/report-map.js';
import { buildAnswer } from './map-answer.js';
import { MapCellsRepository } from './map-cells-repository.js';
import { ReportMapRepository } from './report-map-repository.js';

const db = new BetterSqlite3((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const repositories = { map: new ReportMapRepository(db), cells: new MapCellsRepository(db) };
// One read transaction per answer: its reads see one state of the aggregate (a sweep moves
// the windows' cuts and the suffix buckets' frontier together with the rows).
const answer = db.transaction((job: MapJob) => buildAnswer(repositories, job));

parentPort!.on('message', ({ id, job }: { id: number; job: MapJob }) => {
  try {
    parentPort!.postMessage({ id, built: answer(job) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
