import type { AreaGeometry } from '../../../common/schemas/geojson.js';
import type { PowiatsStore, StoredPowiat } from '../powiats.js';
import { run, statement, type PgDb } from './pg-db.js';

const ALL = statement('powiats_all', `SELECT p.teryt, p.name, v.teryt AS "voivodeshipTeryt", v.name AS "voivodeshipName", p.boundary
  FROM powiats p JOIN voivodeships v ON v.teryt = p.voivodeship ORDER BY p.teryt`);

/** The powiats table (server/store/powiats.ts). */
export class PgPowiats implements PowiatsStore {
  constructor(private readonly db: PgDb) {}

  async all(): Promise<StoredPowiat[]> {
    const { rows } = await run<{ teryt: string; name: string; voivodeshipTeryt: string; voivodeshipName: string; boundary: string }>(this.db, ALL);
    return rows.map((row) => ({
      teryt: row.teryt,
      name: row.name,
      voivodeship: { teryt: row.voivodeshipTeryt, name: row.voivodeshipName },
      boundary: JSON.parse(row.boundary) as AreaGeometry,
    }));
  }
}
