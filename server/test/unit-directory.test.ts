import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnitDirectory } from '../units/unit-directory.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';

// The in-memory directory replaced SQL over the units table (recursive subtrees, parent chains,
// the county unit of a powiat). These tests hold it to that SQL on the shipped units.

test('scopes, chains and children equal the recursive SQL over the units table', async (t) => {
  const app = await build(t);
  const sql = sqlOf(app);
  const column = async (query: string, ...params: unknown[]) => (await sql.all<{ id: string }>(query, ...params)).map((row) => row.id);
  const subtree = (id: string) => column(`WITH RECURSIVE tree (id) AS (
      SELECT id FROM units WHERE id = ? UNION ALL SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id
    ) SELECT id FROM tree ORDER BY id`, id);
  const chain = (id: string) => column(`WITH RECURSIVE chain (id, depth) AS (
      SELECT id, 0 FROM units WHERE id = ?
      UNION ALL SELECT u.parent_id, c.depth + 1 FROM units u JOIN chain c ON u.id = c.id WHERE u.parent_id IS NOT NULL
    ) SELECT id FROM chain ORDER BY depth`, id);
  const children = (id: string) => column('SELECT id FROM units WHERE parent_id = ? ORDER BY id', id);
  const ids = await column('SELECT id FROM units');
  assert.ok(ids.length > 300);
  for (const id of ids) {
    assert.deepEqual(app.units.scope(id), await subtree(id), `scope of ${id}`);
    assert.deepEqual(app.units.chain(id).map((ref) => ref.id), await chain(id), `chain of ${id}`);
    assert.deepEqual(app.units.children(id).map((ref) => ref.id), await children(id), `children of ${id}`);
  }
  assert.deepEqual(app.units.scope('no-such-unit'), []);
  assert.ok(app.units.inScope('kwp-olsztyn', 'kmp-olsztyn'));
  assert.ok(!app.units.inScope('kmp-olsztyn', 'kwp-olsztyn'));
});

test('the unit responsible for each of the 380 powiats is the one the SQL picked, with its chain', async (t) => {
  const app = await build(t);
  const sql = sqlOf(app);
  const county = (teryt: string) => sql.value<string>(`SELECT u.id FROM unit_powiats up JOIN units u ON u.id = up.unit_id
    WHERE up.teryt = ? AND u.kind = 'county' ORDER BY u.id LIMIT 1`, teryt);
  const terys = (await sql.all<{ teryt: string }>('SELECT teryt FROM powiats')).map((row) => row.teryt);
  assert.equal(terys.length, 380);
  for (const teryt of terys) {
    const [first, ...rest] = app.units.responsibleFor(teryt);
    assert.equal(first?.id, await county(teryt), teryt);
    assert.deepEqual(rest.map((ref) => ref.id), app.units.chain(first!.id).slice(1).map((ref) => ref.id));
    assert.equal(rest.at(-1)?.id, 'pl');
  }
  assert.deepEqual(app.units.responsibleFor('9999'), []);
});

test('the list reads top-down (national, voivodeship, county), by id within a level', async (t) => {
  const app = await build(t);
  const expected = (await sqlOf(app).all<{ id: string }>(`SELECT id FROM units
    ORDER BY CASE kind WHEN 'national' THEN 0 WHEN 'voivodeship' THEN 1 WHEN 'county' THEN 2 ELSE 3 END, id`)).map((row) => row.id);
  assert.deepEqual(app.units.list().map((unit) => unit.id), expected);
});

test('find reads the area from the store, and an unknown unit is undefined without a query', async () => {
  const asked: string[] = [];
  const directory = new UnitDirectory(
    [
      { id: 'pl', kind: 'national', acronym: 'KGP', name: 'Komenda Główna Policji', shortName: 'KGP', seat: 'Warszawa', parent: null, bbox: [14, 49, 24, 55], powiats: [{ teryt: '2862', name: 'Olsztyn' }] },
      { id: 'kmp-olsztyn', kind: 'county', acronym: 'KMP', name: 'KMP w Olsztynie', shortName: 'KMP Olsztyn', seat: 'Olsztyn', parent: 'pl', bbox: [20, 53, 21, 54], powiats: [{ teryt: '2862', name: 'Olsztyn' }] },
    ],
    { area: async (id) => (asked.push(id), { type: 'Polygon', coordinates: [[[20, 53], [21, 53], [21, 54], [20, 53]]] }) },
  );
  const detail = await directory.find('kmp-olsztyn');
  assert.deepEqual(asked, ['kmp-olsztyn']);
  assert.equal(detail?.area.properties.unit, 'kmp-olsztyn');
  assert.deepEqual(detail?.parents.map((ref) => ref.id), ['pl']);
  assert.deepEqual(directory.list()[0]!.children, ['kmp-olsztyn']);
  assert.equal(await directory.find('nowhere'), undefined);
  assert.deepEqual(asked, ['kmp-olsztyn']);
});
