import type { Database, Statement } from 'better-sqlite3';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { Powiat } from '../../common/schemas/unit.js';
import type { PowiatShape } from '../geo/locator.js';

/** A powiat with the voivodeship it lies in. */
export interface PowiatWithVoivodeship extends Powiat {
  voivodeship: { teryt: string; name: string };
}

/** Reads powiats and their boundaries (all powiat SQL lives here). */
export class PowiatsRepository {
  private readonly shapesQuery: Statement<[], { teryt: string; boundary: string }>;
  private readonly one: Statement<[string], Powiat & { voivodeshipTeryt: string; voivodeshipName: string }>;

  constructor(db: Database) {
    this.shapesQuery = db.prepare('SELECT teryt, boundary FROM powiats ORDER BY teryt');
    this.one = db.prepare(
      `SELECT p.teryt, p.name, v.teryt AS voivodeshipTeryt, v.name AS voivodeshipName
       FROM powiats p JOIN voivodeships v ON v.teryt = p.voivodeship WHERE p.teryt = ?`,
    );
  }

  /** Every powiat's boundary, for building the locator at start. */
  shapes(): PowiatShape[] {
    return this.shapesQuery.all().map((row) => ({ teryt: row.teryt, geometry: JSON.parse(row.boundary) as AreaGeometry }));
  }

  /** One powiat with its voivodeship, or undefined. */
  find(teryt: string): PowiatWithVoivodeship | undefined {
    const row = this.one.get(teryt);
    if (!row) return undefined;
    return { teryt: row.teryt, name: row.name, voivodeship: { teryt: row.voivodeshipTeryt, name: row.voivodeshipName } };
  }
}
