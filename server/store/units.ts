import type { AreaGeometry } from '../../common/schemas/geojson.js';
import type { Powiat, UnitSummary } from '../../common/schemas/unit.js';

/** A police unit as the store keeps it, without its area (areas are large and read one at a time). */
export interface StoredUnit {
  id: string;
  kind: UnitSummary['kind'];
  acronym: UnitSummary['acronym'];
  name: string;
  shortName: string;
  seat: string;
  parent: string | null;
  bbox: [number, number, number, number];
  /** The powiats the unit answers for (county units; upper levels answer through them). */
  powiats: Powiat[];
}

/**
 * The units part of the store port. Units are seeded once and do not change while the server
 * runs, so the domain reads them all at start (server/units/unit-directory.ts) and asks the
 * store only for an area.
 */
export interface UnitsStore {
  /** Every unit, in no particular order. */
  all(): Promise<StoredUnit[]>;
  /** The area of one unit, or undefined for an unknown id. */
  area(id: string): Promise<AreaGeometry | undefined>;
}
