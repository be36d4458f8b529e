import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ApiPath } from '../../common/api.js';
import type { Stats } from '../../common/schemas/stats.js';
import { build } from './helpers.js';
import { insertReport } from './stats-helpers.js';

async function stats(app: FastifyInstance, query: string): Promise<Stats> {
  const response = await app.inject({ method: 'GET', url: `${ApiPath.stats}?${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Stats>();
}

function cellOf(answer: Stats, key: string) {
  return answer.byCategory!.find((c) => c.key === key)!;
}

test('a sensitive category with 1-2 reports in a county in a month is suppressed, not 0; 3 are shown', async (t) => {
  const app = await build(t);
  const march = (dayOfMonth: number) => `2025-03-${String(dayOfMonth).padStart(2, '0')}T10:00:00.000Z`;
  for (let i = 1; i <= 6; i++) await insertReport(app, { unitId: 'kmp-olsztyn', category: 'illegal_parking', createdAt: march(i) });
  for (let i = 1; i <= 4; i++) await insertReport(app, { unitId: 'kmp-olsztyn', category: 'speeding', createdAt: march(i) });
  await insertReport(app, { unitId: 'kmp-olsztyn', category: 'drug_use', createdAt: march(10) });
  await insertReport(app, { unitId: 'kmp-olsztyn', category: 'drug_use', createdAt: march(11) });

  const county = await stats(app, 'unit=kmp-olsztyn&from=2025-03-01&to=2025-03-31');
  assert.equal(county.total, 12);
  assert.equal(county.suppression.applies, true);
  assert.deepEqual(cellOf(county, 'drug_use'), { key: 'drug_use', count: null, suppressed: true });
  assert.deepEqual(cellOf(county, 'animal_cruelty'), { key: 'animal_cruelty', count: null, suppressed: true }, 'zero is withheld too');
  // The complement: the largest non-sensitive cell, so total minus the shown cells reveals nothing.
  assert.deepEqual(cellOf(county, 'illegal_parking'), { key: 'illegal_parking', count: null, suppressed: true });
  assert.deepEqual(cellOf(county, 'speeding'), { key: 'speeding', count: 4, suppressed: false });
  assert.deepEqual(county.suppression.suppressed, ['minors_at_risk', 'illegal_parking', 'homeless_in_need', 'drug_use', 'animal_cruelty']);
  const shown = county.byCategory!.reduce((sum, c) => sum + (c.count ?? 0), 0);
  assert.equal(county.total - shown, 8, 'the remainder mixes the complement with the sensitive cells');
  // Breakdowns that are not by category are not cut.
  assert.equal(county.bySource!.find((c) => c.key === 'citizen')!.count, 12);

  await insertReport(app, { unitId: 'kmp-olsztyn', category: 'drug_use', createdAt: march(12) });
  const three = await stats(app, 'unit=kmp-olsztyn&from=2025-03-01&to=2025-03-31');
  assert.deepEqual(cellOf(three, 'drug_use'), { key: 'drug_use', count: 3, suppressed: false });
  assert.equal(cellOf(three, 'animal_cruelty').suppressed, true);

  // Above county level, or over 3 months or more, nothing is withheld.
  const voivodeship = await stats(app, 'unit=kwp-olsztyn&from=2025-03-01&to=2025-03-31');
  assert.equal(voivodeship.suppression.applies, false);
  assert.equal(cellOf(voivodeship, 'animal_cruelty').count, 0);
  const quarter = await stats(app, 'unit=kmp-olsztyn&from=2025-02-01&to=2025-04-30');
  assert.equal(quarter.suppression.applies, false);
  assert.equal(cellOf(quarter, 'drug_use').count, 3);
  const shorter = await stats(app, 'unit=kmp-olsztyn&from=2025-02-01&to=2025-04-29');
  assert.equal(shorter.suppression.applies, true);
  // A county with no reports in the period: the zero total says it all, nothing to withhold.
  const empty = await stats(app, 'unit=kpp-wejherowo&from=2025-03-01&to=2025-03-31');
  assert.deepEqual(empty.suppression.suppressed, []);
});
