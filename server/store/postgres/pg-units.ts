import type { AreaGeometry } from '../../../common/schemas/geojson.js';
import type { Powiat } from '../../../common/schemas/unit.js';
import type { StoredUnit, UnitsStore } from '../units.js';
import { run, statement, type PgDb } from './pg-db.js';

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

const UNITS = statement('units_all', `SELECT id, kind, acronym, name, short_name AS "shortName", seat, parent_id AS parent,
  min_lon AS "minLon", min_lat AS "minLat", max_lon AS "maxLon", max_lat AS "maxLat" FROM units`);
const UNIT_POWIATS = statement('units_powiats',
  'SELECT up.unit_id AS unit, p.teryt, p.name FROM unit_powiats up JOIN powiats p ON p.teryt = up.teryt');
const AREA = statement('units_area', 'SELECT area FROM units WHERE id = $1');

/** The units table for the store port (server/store/units.ts): all units once, areas one at a time. */
export class PgUnits implements UnitsStore {
  constructor(private readonly db: PgDb) {}

  async all(): Promise<StoredUnit[]> {
    const [units, links] = await Promise.all([
      run<UnitRow>(this.db, UNITS),
      run<Powiat & { unit: string }>(this.db, UNIT_POWIATS),
    ]);
    const powiats = new Map<string, Powiat[]>();
    for (const { unit, teryt, name } of links.rows) {
      const list = powiats.get(unit) ?? [];
      list.push({ teryt, name });
      powiats.set(unit, list);
    }
    return units.rows.map(({ minLon, minLat, maxLon, maxLat, ...row }) => ({
      ...row,
      bbox: [minLon, minLat, maxLon, maxLat],
      powiats: powiats.get(row.id) ?? [],
    }));
  }

  async area(id: string): Promise<AreaGeometry | undefined> {
    const { rows } = await run<{ area: string }>(this.db, AREA, [id]);
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].area) as AreaGeometry);
  }
}
