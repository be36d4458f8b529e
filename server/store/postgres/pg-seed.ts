import type pg from 'pg';
import { bboxOf } from '../../geo/area.js';
import { buildUnitSeeds, type UnitSeed } from '../../geo/unit-seeds.js';
import type { ShippedData } from '../../shipped-data.js';

// SQLite's seeding (server/db/seed.ts) for PostgreSQL: the same voivodeships, powiats and
// units from the shipped data, built by server/geo/unit-seeds.ts for both stores.

type Queryable = Pick<pg.Pool, 'connect'>;

/**
 * Seeds voivodeships, powiats and units when the units table is empty, in one transaction
 * (a failure leaves nothing; the next start seeds again). Two instances starting at once on
 * an empty database: the second waits on the first's lock of the units table, then finds it
 * seeded.
 *
 * @param load called only when seeding is needed (it reads the files).
 * @param seeds the unit seeds, when the caller already built them (tests seed many databases).
 * @returns the number of units inserted (0 when the table already had units).
 */
export async function pgSeedIfEmpty(pool: Queryable, load: () => ShippedData, seeds?: readonly UnitSeed[]): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      await client.query('LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE');
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
      if (rows[0]!.n > 0) {
        await client.query('COMMIT');
        return 0;
      }
      const data = load();
      const units = seeds ?? buildUnitSeeds(data);
      await insertPowiats(client, data);
      await insertUnits(client, units);
      await client.query('COMMIT');
      return units.length;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

async function insertPowiats(client: pg.PoolClient, data: ShippedData): Promise<void> {
  const voivodeships = new Map<string, string>();
  for (const { properties: p } of data.powiats) if (!voivodeships.has(p.voivodeship)) voivodeships.set(p.voivodeship, p.voivodeshipName);
  await client.query(
    `INSERT INTO voivodeships (teryt, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
    [[...voivodeships.keys()], [...voivodeships.values()]],
  );
  const powiats = data.powiats;
  await client.query(
    `INSERT INTO powiats (teryt, name, voivodeship, boundary)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
    [
      powiats.map((p) => p.properties.teryt), powiats.map((p) => p.properties.name),
      powiats.map((p) => p.properties.voivodeship), powiats.map((p) => JSON.stringify(p.geometry)),
    ],
  );
}

async function insertUnits(client: pg.PoolClient, units: readonly UnitSeed[]): Promise<void> {
  // One statement per level, parents first: a unit's unit_ancestors trigger reads its parent's rows.
  for (const kind of ['national', 'voivodeship', 'county', 'station'] as const) {
    const level = units.filter((u) => u.kind === kind);
    if (level.length === 0) continue;
    const boxes = level.map((u) => bboxOf(u.area));
    await client.query(
      `INSERT INTO units (id, kind, acronym, name, short_name, seat, parent_id, area, min_lon, min_lat, max_lon, max_lat)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::float8[], $10::float8[], $11::float8[], $12::float8[])`,
      [
        level.map((u) => u.id), level.map((u) => u.kind), level.map((u) => u.acronym), level.map((u) => u.name),
        level.map((u) => u.shortName), level.map((u) => u.seat), level.map((u) => u.parent), level.map((u) => JSON.stringify(u.area)),
        boxes.map((b) => b[0]), boxes.map((b) => b[1]), boxes.map((b) => b[2]), boxes.map((b) => b[3]),
      ],
    );
    const links = level.flatMap((u) => u.powiats.map((teryt) => [u.id, teryt] as const));
    await client.query('INSERT INTO unit_powiats (unit_id, teryt) SELECT * FROM unnest($1::text[], $2::text[])', [
      links.map(([unit]) => unit), links.map(([, teryt]) => teryt),
    ]);
  }
}
