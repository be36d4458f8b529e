import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaGeometry } from '../common/schemas/geojson.js';
import { dataDir as defaultDataDir } from './paths.js';

/** A powiat feature of server/data/powiats.geojson (see server/data/SOURCES.md). */
export interface PowiatFeature {
  type: 'Feature';
  properties: {
    teryt: string;
    name: string;
    shortName: string;
    voivodeship: string;
    voivodeshipName: string;
  };
  geometry: AreaGeometry;
}

/** A voivodeship-level HQ (KWP or KSP) of server/data/police-units.json. */
export interface ShippedHeadquarters {
  id: string;
  type: 'KWP' | 'KSP';
  name: string;
  shortName: string;
  seat: string;
  voivodeship: string;
  powiats: string[];
  units: string[];
}

/** A county-level unit (KMP, KPP or KRP) of server/data/police-units.json. */
export interface ShippedCountyUnit {
  id: string;
  type: 'KMP' | 'KPP' | 'KRP';
  name: string;
  shortName: string;
  seat: string;
  hq: string;
  powiats: string[];
}

/** Everything the first start seeds the database with. */
export interface ShippedData {
  powiats: PowiatFeature[];
  headquarters: ShippedHeadquarters[];
  units: ShippedCountyUnit[];
}

/** Reads the powiat boundaries alone (the benchmark needs no units). */
export function loadPowiatFeatures(dir: string = defaultDataDir): PowiatFeature[] {
  const collection = readJson(join(dir, 'powiats.geojson')) as { features: PowiatFeature[] };
  return collection.features;
}

/** Reads the shipped boundaries and police units from server/data (or `dir`). */
export function loadShippedData(dir: string = defaultDataDir): ShippedData {
  const police = readJson(join(dir, 'police-units.json')) as Pick<ShippedData, 'headquarters' | 'units'>;
  return { powiats: loadPowiatFeatures(dir), headquarters: police.headquarters, units: police.units };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
