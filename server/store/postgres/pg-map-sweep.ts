import type pg from 'pg';
import { UNIT_LOCK } from './pg-unit.js';

// The contribution the delete trigger takes out (kmzb_map_cells_apply), per report that left
// its window: the period buckets of 020 and the suffix buckets of 021 (kmzb_map_periods), as
// SQLite's two statements (MapCellsRepository.sweep) in one. map_national follows by its
// statement triggers.
const EXPIRE = `INSERT INTO map_cells AS m (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
  SELECT p.period, r.status, r.category, r.grid_x, r.grid_y, r.unit_id, -count(*), -sum(kmzb_micro(r.lon)), -sum(kmzb_micro(r.lat)), max(r.updated_at)
  FROM reports r CROSS JOIN LATERAL kmzb_map_periods(r.created_at) p (period)
  WHERE r.status = $1 AND r.updated_at >= $2 AND r.updated_at < $3
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat, updated_max = greatest(m.updated_max, excluded.updated_max)`;

/**
 * Moves each windowed status's cut to `now` minus its window, taking out of map_cells the
 * reports that left their window meanwhile (found by reports_status_updated), and the
 * suffix buckets' frontier to `now`'s day (kmzb_map_fold_days), in one transaction. It first takes the units' advisory lock (pg-unit.ts), as every batch of
 * writes does, on every instance: a report changed while its old contribution is swept would
 * otherwise be taken out twice (by the sweep, and by its trigger, which reads the old cut).
 * After the lock, READ COMMITTED reads see every batch committed before; a second instance
 * sweeping the same minute finds the cuts moved and does nothing. Returns the rows changed.
 */
export async function pgSweep(pool: Pick<pg.Pool, 'connect'>, now: Date): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${UNIT_LOCK.classId}, ${UNIT_LOCK.objectId})`);
    // The days before today go into the suffix buckets (migration 004), once a day.
    let changed = Number((await client.query<{ n: string }>('SELECT kmzb_map_fold_days($1) AS n', [now.toISOString().slice(0, 10)])).rows[0]!.n);
    const { rows } = await client.query<{ status: string; window_days: number; cut: string }>('SELECT status, window_days, cut FROM map_cuts ORDER BY status');
    for (const { status, window_days: days, cut } of rows) {
      const next = new Date(now.getTime() - days * 86_400_000).toISOString();
      if (next <= cut) continue;
      changed += (await client.query(EXPIRE, [status, cut, next])).rowCount ?? 0;
      await client.query('UPDATE map_cuts SET cut = $1 WHERE status = $2', [next, status]);
    }
    await client.query('COMMIT');
    return changed;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
