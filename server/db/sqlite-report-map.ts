import type { Database } from 'better-sqlite3';
import type { BuiltAnswer, MapBuilder, MapJob, ReportMapStore, UnitScope } from '../store/report-map.js';
import { buildAnswer, type MapRepositories } from './map-answer.js';
import { MapCellsRepository } from './map-cells-repository.js';
import { MapWorkers } from './map-workers.js';
import { ReportMapRepository } from './report-map-repository.js';

/**
 * The public map on SQLite: the map_cells aggregate (migrations 020-023) for counts and
 * coarse clusters, the R*Tree and the cell indexes for boxes, and worker threads with
 * read-only connections (WAL) for uncached answers, so a national aggregate never blocks
 * the event loop. An in-memory database has no file to open twice: answered in this thread.
 */
export class SqliteReportMap implements ReportMapStore {
  #repositories: MapRepositories | undefined;

  constructor(private readonly db: Database) {}

  /** Prepared on first use: a store opened for other work (a seed, a CLI) prepares none of the map's statements. */
  private get repositories(): MapRepositories {
    return (this.#repositories ??= { map: new ReportMapRepository(this.db), cells: new MapCellsRepository(this.db) });
  }

  async scope(unitId: string): Promise<UnitScope | undefined> {
    return this.repositories.map.scope(unitId);
  }

  /** Always known at once: total_changes() and PRAGMA data_version (ReportMapRepository.unitVersion). */
  unitVersion(unitId: string, nowMs?: number): string {
    return this.repositories.map.unitVersion(unitId, nowMs);
  }

  builder(workers: number): MapBuilder {
    if (workers > 0 && !this.db.memory) return new MapWorkers(this.db.name, workers);
    const { repositories } = this;
    // One read transaction per answer, as in a map worker (map-worker.ts).
    const answer = this.db.transaction((job: MapJob) => buildAnswer(repositories, job));
    return {
      build: async (job: MapJob): Promise<BuiltAnswer> => answer(job),
      close: async () => undefined,
    };
  }

  /** On the writer's connection, in one transaction (MapCellsRepository.sweep). */
  async sweep(now: Date): Promise<number> {
    return this.repositories.cells.sweep(now);
  }
}
