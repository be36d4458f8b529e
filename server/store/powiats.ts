import type { AreaGeometry } from '../../common/schemas/geojson.js';

/** A powiat as stored: its TERYT code, name, boundary and the voivodeship it lies in. */
export interface StoredPowiat {
  teryt: string;
  name: string;
  voivodeship: { teryt: string; name: string };
  boundary: AreaGeometry;
}

/** The powiats (read-only data seeded from server/data): read once at start. */
export interface PowiatsStore {
  /** Every powiat, by TERYT code. */
  all(): Promise<StoredPowiat[]>;
}
