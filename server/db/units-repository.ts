import type { Database, Statement } from 'better-sqlite3';
import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { Powiat, UnitDetail, UnitRef, UnitSummary } from '../../common/schemas/unit.js';

interface UnitRow {
  id: string;
  kind: UnitSummary['kind'];
  acronym: UnitSummary['acronym'];
  name: string;
  shortName: string;
  seat: string;
  parent: string | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

const SUMMARY_COLUMNS = `id, kind, acronym, name, short_name AS shortName, seat, parent_id AS parent,
  min_lon AS minLon, min_lat AS minLat, max_lon AS maxLon, max_lat AS maxLat`;

// Upper levels first, so a list reads top-down: pl, the HQs, then county units.
const LEVEL_ORDER = `CASE kind WHEN 'national' THEN 0 WHEN 'voivodeship' THEN 1 WHEN 'county' THEN 2 ELSE 3 END`;

// The unit itself (depth 0) and its ancestors up to pl, nearest first.
const CHAIN = `WITH RECURSIVE chain (id, depth) AS (
    SELECT id, 0 FROM units WHERE id = ?
    UNION ALL
    SELECT u.parent_id, c.depth + 1 FROM units u JOIN chain c ON u.id = c.id WHERE u.parent_id IS NOT NULL
  )
  SELECT u.id, u.kind, u.name, u.short_name AS shortName FROM chain c JOIN units u ON u.id = c.id
  ORDER BY c.depth`;

/**
 * Reads police units and their areas. All unit SQL lives here behind plain methods returning
 * API-shaped objects, so another store (PostgreSQL/PostGIS) can implement the same surface.
 */
export class UnitsRepository {
  private readonly all: Statement<[], UnitRow>;
  private readonly parentLinks: Statement<[], { id: string; parent: string }>;
  private readonly one: Statement<[string], UnitRow & { area: string }>;
  private readonly children: Statement<[string], { id: string }>;
  private readonly powiats: Statement<[string], Powiat>;
  private readonly chain: Statement<[string], UnitRef>;
  private readonly countyUnitOf: Statement<[string], { id: string }>;

  constructor(db: Database) {
    this.all = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM units ORDER BY ${LEVEL_ORDER}, id`);
    this.parentLinks = db.prepare('SELECT id, parent_id AS parent FROM units WHERE parent_id IS NOT NULL ORDER BY id');
    this.one = db.prepare(`SELECT ${SUMMARY_COLUMNS}, area FROM units WHERE id = ?`);
    this.children = db.prepare('SELECT id FROM units WHERE parent_id = ? ORDER BY id');
    this.powiats = db.prepare(
      `SELECT p.teryt, p.name FROM unit_powiats up JOIN powiats p ON p.teryt = up.teryt
       WHERE up.unit_id = ? ORDER BY p.teryt`,
    );
    this.chain = db.prepare(CHAIN);
    this.countyUnitOf = db.prepare(
      `SELECT u.id FROM unit_powiats up JOIN units u ON u.id = up.unit_id
       WHERE up.teryt = ? AND u.kind = 'county' ORDER BY u.id LIMIT 1`,
    );
  }

  /** Every unit, top level first, each with the ids of its direct children. */
  list(): UnitSummary[] {
    const children = new Map<string, string[]>();
    for (const { id, parent } of this.parentLinks.all()) {
      const list = children.get(parent) ?? [];
      list.push(id);
      children.set(parent, list);
    }
    return this.all.all().map((row) => toSummary(row, children.get(row.id) ?? []));
  }

  /** One unit with its area, powiats and chain of parents (direct parent first), or undefined. */
  find(id: string): UnitDetail | undefined {
    const row = this.one.get(id);
    if (!row) return undefined;
    const children = this.children.all(id).map((child) => child.id);
    return {
      ...toSummary(row, children),
      powiats: this.powiats.all(id),
      area: { type: 'Feature', properties: { unit: id }, geometry: JSON.parse(row.area) as AreaGeometry },
      parents: this.chain.all(id).slice(1),
    };
  }

  /** The reference (id, kind, names) of one unit, or undefined; cheaper than find(). */
  ref(id: string): UnitRef | undefined {
    return this.chain.all(id)[0];
  }

  /**
   * The units responsible for a powiat, deepest first: its county unit, that unit's HQ,
   * then pl. Empty when no county unit covers the powiat.
   */
  responsibleFor(teryt: string): UnitRef[] {
    const county = this.countyUnitOf.get(teryt);
    return county ? this.chain.all(county.id) : [];
  }
}

function toSummary(row: UnitRow, children: string[]): UnitSummary {
  return {
    id: row.id,
    kind: row.kind,
    acronym: row.acronym,
    name: row.name,
    shortName: row.shortName,
    seat: row.seat,
    parent: row.parent,
    children,
    bbox: [row.minLon, row.minLat, row.maxLon, row.maxLat],
  };
}
