import type { Database } from 'better-sqlite3';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { UnitAcronym, UnitKind } from '../../common/schemas/unit.js';
import { bboxOf, unionAreas } from '../geo/area.js';
import type { ShippedData } from '../shipped-data.js';

/** The national unit at the root of the hierarchy. */
export const NATIONAL_UNIT = {
  id: 'pl',
  acronym: 'KGP',
  name: 'Komenda Główna Policji',
  shortName: 'KGP',
  seat: 'Warszawa',
} as const;

interface UnitSeed {
  id: string;
  kind: UnitKind;
  acronym: UnitAcronym;
  name: string;
  shortName: string;
  seat: string;
  parent: string | null;
  powiats: string[];
  area: AreaGeometry;
}

/**
 * Seeds voivodeships, powiats and units from the shipped data when the units table is empty
 * (the first start), all in one transaction: a crash halfway leaves an empty table, and the
 * next start seeds again. Each area is the union of the unit's powiats; KSP and KWP
 * zs. w Radomiu split mazowieckie, so an HQ's area comes from its own powiat list, never
 * from its voivodeship.
 *
 * @param load called only when seeding is needed, so later starts skip reading the files.
 * @returns the number of units inserted (0 when the table already had units).
 */
export function seedIfEmpty(db: Database, load: () => ShippedData): number {
  const { count } = db.prepare('SELECT count(*) AS count FROM units').get() as { count: number };
  if (count > 0) return 0;
  const data = load();
  const units = buildUnitSeeds(data);
  db.transaction(() => {
    insertPowiats(db, data);
    insertUnits(db, units);
  })();
  return units.length;
}

/** The units to insert, parents before children, with their areas computed. */
export function buildUnitSeeds(data: ShippedData): UnitSeed[] {
  const boundaries = new Map(data.powiats.map((p) => [p.properties.teryt, p.geometry]));
  const areaOf = (teryts: string[]): AreaGeometry => {
    const areas = teryts.map((teryt) => {
      const area = boundaries.get(teryt);
      if (!area) throw new Error(`Unknown powiat ${teryt} in police-units.json`);
      return area;
    });
    return areas.length === 1 ? areas[0]! : unionAreas(areas);
  };
  const headquarters: UnitSeed[] = data.headquarters.map((hq) => ({
    id: hq.id,
    kind: 'voivodeship',
    acronym: hq.type,
    name: hq.name,
    shortName: hq.shortName,
    seat: hq.seat,
    parent: NATIONAL_UNIT.id,
    powiats: [...hq.powiats].sort(),
    area: areaOf(hq.powiats),
  }));
  const counties: UnitSeed[] = data.units.map((unit) => ({
    id: unit.id,
    kind: 'county',
    acronym: unit.type,
    name: unit.name,
    shortName: unit.shortName,
    seat: unit.seat,
    parent: unit.hq,
    powiats: [...unit.powiats].sort(),
    area: areaOf(unit.powiats),
  }));
  const national: UnitSeed = {
    ...NATIONAL_UNIT,
    kind: 'national',
    parent: null,
    powiats: [...boundaries.keys()].sort(),
    // The HQ areas already dissolve most inner borders, so their union is the cheap way.
    area: unionAreas(headquarters.map((hq) => hq.area)),
  };
  return [national, ...headquarters, ...counties];
}

function insertPowiats(db: Database, data: ShippedData): void {
  const insertVoivodeship = db.prepare('INSERT OR IGNORE INTO voivodeships (teryt, name) VALUES (?, ?)');
  const insertPowiat = db.prepare(
    'INSERT OR IGNORE INTO powiats (teryt, name, voivodeship, boundary) VALUES (?, ?, ?, ?)',
  );
  for (const { properties: p, geometry } of data.powiats) {
    insertVoivodeship.run(p.voivodeship, p.voivodeshipName);
    insertPowiat.run(p.teryt, p.name, p.voivodeship, JSON.stringify(geometry));
  }
}

function insertUnits(db: Database, units: readonly UnitSeed[]): void {
  const insertUnit = db.prepare(
    `INSERT INTO units (id, kind, acronym, name, short_name, seat, parent_id, area, min_lon, min_lat, max_lon, max_lat)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUnitPowiat = db.prepare('INSERT INTO unit_powiats (unit_id, teryt) VALUES (?, ?)');
  for (const unit of units) {
    const [minLon, minLat, maxLon, maxLat] = bboxOf(unit.area);
    insertUnit.run(
      unit.id, unit.kind, unit.acronym, unit.name, unit.shortName, unit.seat, unit.parent,
      JSON.stringify(unit.area), minLon, minLat, maxLon, maxLat,
    );
    for (const teryt of unit.powiats) insertUnitPowiat.run(unit.id, teryt);
  }
}
