import type { Database } from 'better-sqlite3';
import { bboxOf } from '../geo/area.js';
import { buildUnitSeeds, type UnitSeed } from '../geo/unit-seeds.js';
import type { ShippedData } from '../shipped-data.js';

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
