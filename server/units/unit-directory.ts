import type { Powiat, UnitDetail, UnitRef, UnitSummary } from '../../common/schemas/unit.js';
import type { StoredUnit, UnitsStore } from '../store/units.js';

// Upper levels first, so a list reads top-down: pl, the HQs, then county units.
const LEVEL: Readonly<Record<UnitSummary['kind'], number>> = { national: 0, voivodeship: 1, county: 2, station: 3 };

/**
 * The police units in memory: the hierarchy, each unit's scope (itself and every unit under it,
 * DESIGN.md section 11) and who answers for a powiat. Units are seeded once and never change
 * while the server runs, so one read of the store at start serves every request without a
 * query, whichever store it is.
 */
export class UnitDirectory {
  readonly #units: ReadonlyMap<string, StoredUnit>;
  readonly #children = new Map<string, string[]>();
  readonly #scopes = new Map<string, readonly string[]>();
  readonly #countyOfPowiat = new Map<string, string>();
  readonly #ordered: readonly StoredUnit[];

  static async load(store: UnitsStore): Promise<UnitDirectory> {
    return new UnitDirectory(await store.all(), store);
  }

  constructor(units: readonly StoredUnit[], private readonly store: Pick<UnitsStore, 'area'>) {
    this.#ordered = [...units].sort((a, b) => LEVEL[a.kind] - LEVEL[b.kind] || compare(a.id, b.id));
    this.#units = new Map(this.#ordered.map((unit) => [unit.id, unit]));
    for (const unit of this.#ordered) {
      if (unit.parent !== null) {
        const siblings = this.#children.get(unit.parent) ?? [];
        siblings.push(unit.id);
        this.#children.set(unit.parent, siblings);
      }
      // The first county unit by id answers for a powiat (as the SQL it replaces: ORDER BY id LIMIT 1).
      if (unit.kind === 'county') for (const { teryt } of unit.powiats) if (!this.#countyOfPowiat.has(teryt)) this.#countyOfPowiat.set(teryt, unit.id);
    }
    for (const list of this.#children.values()) list.sort(compare);
  }

  /** Every unit, top level first, each with the ids of its direct children. */
  list(): UnitSummary[] {
    return this.#ordered.map((unit) => this.#summary(unit));
  }

  /** The reference (id, kind, names) of one unit, or undefined. */
  ref(id: string): UnitRef | undefined {
    const unit = this.#units.get(id);
    return unit && { id: unit.id, kind: unit.kind, name: unit.name, shortName: unit.shortName };
  }

  /** One unit with its area, powiats and chain of parents (direct parent first), or undefined. */
  async find(id: string): Promise<UnitDetail | undefined> {
    const unit = this.#units.get(id);
    if (!unit) return undefined;
    const geometry = await this.store.area(id);
    if (!geometry) return undefined;
    return {
      ...this.#summary(unit),
      powiats: [...unit.powiats].sort((a, b) => compare(a.teryt, b.teryt)),
      area: { type: 'Feature', properties: { unit: id }, geometry },
      parents: this.chain(id).slice(1),
    };
  }

  /** The direct children of a unit, by id; empty for an unknown unit or a leaf. */
  children(id: string): UnitRef[] {
    return (this.#children.get(id) ?? []).map((child) => this.ref(child)!);
  }

  /** The unit and its ancestors up to the national unit, nearest first; empty for an unknown id. */
  chain(id: string): UnitRef[] {
    const chain: UnitRef[] = [];
    for (let ref = this.ref(id); ref; ref = this.ref(this.#units.get(ref.id)!.parent ?? '')) chain.push(ref);
    return chain;
  }

  /**
   * The units responsible for a powiat, deepest first: its county unit, that unit's HQ,
   * then pl. Empty when no county unit covers the powiat.
   */
  responsibleFor(teryt: string): UnitRef[] {
    const county = this.#countyOfPowiat.get(teryt);
    return county ? this.chain(county) : [];
  }

  /**
   * The ids of a unit and all units under it, sorted (empty for an unknown unit): the one
   * definition of "a staff member's scope" (DESIGN.md section 11), used by every staff check,
   * public scope and query.
   */
  scope(id: string): readonly string[] {
    let ids = this.#scopes.get(id);
    if (!ids) {
      const found: string[] = [];
      const walk = (unitId: string): void => {
        if (!this.#units.has(unitId)) return;
        found.push(unitId);
        for (const child of this.#children.get(unitId) ?? []) walk(child);
      };
      walk(id);
      ids = Object.freeze(found.sort(compare));
      this.#scopes.set(id, ids);
    }
    return ids;
  }

  /** True when `unitId` lies in the scope of `scopeUnitId` (the unit itself included). */
  inScope(scopeUnitId: string, unitId: string): boolean {
    return this.scope(scopeUnitId).includes(unitId);
  }

  #summary(unit: StoredUnit): UnitSummary {
    const { id, kind, acronym, name, shortName, seat, parent, bbox } = unit;
    return { id, kind, acronym, name, shortName, seat, parent, children: [...(this.#children.get(id) ?? [])], bbox: [...bbox] };
  }
}

/** Byte order, as SQLite's and PostgreSQL's COLLATE "C" compare ids. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
