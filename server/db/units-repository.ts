import type { Database, Statement } from 'better-sqlite3';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { Powiat } from '../../common/schemas/unit.js';
import type { Sync } from '../store/sync.js';
import type { StoredUnit, UnitsStore } from '../store/units.js';

interface UnitRow {
  id: string;
  kind: StoredUnit['kind'];
  acronym: StoredUnit['acronym'];
  name: string;
  shortName: string;
  seat: string;
  parent: string | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The units table for the store port (server/store/units.ts): all units once, areas one at a time. */
export class UnitsRepository implements Sync<UnitsStore> {
  private readonly units: Statement<[], UnitRow>;
  private readonly unitPowiats: Statement<[], Powiat & { unit: string }>;
  private readonly areaOf: Statement<[string], string>;

  constructor(db: Database) {
    this.units = db.prepare(`SELECT id, kind, acronym, name, short_name AS shortName, seat, parent_id AS parent,
      min_lon AS minLon, min_lat AS minLat, max_lon AS maxLon, max_lat AS maxLat FROM units`);
    this.unitPowiats = db.prepare(
      `SELECT up.unit_id AS unit, p.teryt, p.name FROM unit_powiats up JOIN powiats p ON p.teryt = up.teryt`,
    );
    this.areaOf = db.prepare('SELECT area FROM units WHERE id = ?').pluck() as Statement<[string], string>;
  }

  all(): StoredUnit[] {
    const powiats = new Map<string, Powiat[]>();
    for (const { unit, teryt, name } of this.unitPowiats.all()) {
      const list = powiats.get(unit) ?? [];
      list.push({ teryt, name });
      powiats.set(unit, list);
    }
    return this.units.all().map(({ minLon, minLat, maxLon, maxLat, ...row }) => ({
      ...row,
      bbox: [minLon, minLat, maxLon, maxLat],
      powiats: powiats.get(row.id) ?? [],
    }));
  }

  area(id: string): AreaGeometry | undefined {
    const area = this.areaOf.get(id);
    return area === undefined ? undefined : (JSON.parse(area) as AreaGeometry);
  }
}
