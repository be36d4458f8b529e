import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { UnitAcronym, UnitKind } from '../../common/schemas/unit.js';
import type { ShippedData } from '../shipped-data.js';
import { unionAreas } from './area.js';

// The police units as both stores seed them (server/db/seed.ts, server/store/postgres/pg-seed.ts)
// from the shipped data: one definition, so the two stores' units and areas cannot drift.

/** The national unit at the root of the hierarchy. */
export const NATIONAL_UNIT = {
  id: 'pl',
  acronym: 'KGP',
  name: 'Komenda Główna Policji',
  shortName: 'KGP',
  seat: 'Warszawa',
} as const;

export interface UnitSeed {
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
