import type { Database, Statement } from 'better-sqlite3';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { PowiatsStore, StoredPowiat } from '../store/powiats.js';
import type { Sync } from '../store/sync.js';

/** The powiats table for the store port (server/store/powiats.ts): all powiat SQL lives here. */
export class PowiatsRepository implements Sync<PowiatsStore> {
  private readonly rows: Statement<[], { teryt: string; name: string; voivodeshipTeryt: string; voivodeshipName: string; boundary: string }>;

  constructor(db: Database) {
    this.rows = db.prepare(
      `SELECT p.teryt, p.name, v.teryt AS voivodeshipTeryt, v.name AS voivodeshipName, p.boundary
       FROM powiats p JOIN voivodeships v ON v.teryt = p.voivodeship ORDER BY p.teryt`,
    );
  }

  all(): StoredPowiat[] {
    return this.rows.all().map((row) => ({
      teryt: row.teryt,
      name: row.name,
      voivodeship: { teryt: row.voivodeshipTeryt, name: row.voivodeshipName },
      boundary: JSON.parse(row.boundary) as AreaGeometry,
    }));
  }
}
