import type { Powiat } from '../../common/schemas/unit.js';
import type { PowiatShape } from '../geo/locator.js';
import type { PowiatsStore, StoredPowiat } from '../store/powiats.js';

/** A powiat with the voivodeship it lies in. */
export interface PowiatWithVoivodeship extends Powiat {
  voivodeship: { teryt: string; name: string };
}

/**
 * The powiats in memory: read-only data seeded with the units, read once at start (like the
 * UnitDirectory), so routing a report and naming its powiat cost no query on either store.
 */
export class PowiatDirectory {
  readonly #byTeryt: ReadonlyMap<string, StoredPowiat>;

  static async load(store: PowiatsStore): Promise<PowiatDirectory> {
    return new PowiatDirectory(await store.all());
  }

  constructor(private readonly powiats: readonly StoredPowiat[]) {
    this.#byTeryt = new Map(powiats.map((powiat) => [powiat.teryt, powiat]));
  }

  /** Every powiat's boundary, for building the locator at start. */
  shapes(): PowiatShape[] {
    return this.powiats.map((powiat) => ({ teryt: powiat.teryt, geometry: powiat.boundary }));
  }

  /** One powiat with its voivodeship, or undefined. */
  find(teryt: string): PowiatWithVoivodeship | undefined {
    const powiat = this.#byTeryt.get(teryt);
    return powiat && { teryt: powiat.teryt, name: powiat.name, voivodeship: powiat.voivodeship };
  }
}
