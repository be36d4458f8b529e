import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody } from '../../common/errors.js';
import { build } from './helpers.js';
import { OLSZTYN, postReport } from './report-helpers.js';

test('write routes are throttled per IP with 429 RATE_LIMITED; reads are not', async (t) => {
  const app = await build(t, { reportLimits: { writesPerMinute: 3, perNetwork: 100 } });
  for (let i = 0; i < 3; i++) assert.equal((await postReport(app, { ...OLSZTYN, category: 'speeding' })).statusCode, 201);
  const throttled = await postReport(app, { ...OLSZTYN, category: 'speeding' });
  assert.equal(throttled.statusCode, 429);
  const body = throttled.json<ErrorBody>();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode']);
  assert.equal(body.code, 'RATE_LIMITED');
  assert.ok(Number(throttled.headers['retry-after']) > 0);
  assert.equal((await postReport(app, { ...OLSZTYN, category: 'speeding' }, { ip: '192.0.2.200' })).statusCode, 201, 'another IP');
  for (let i = 0; i < 5; i++) assert.equal((await app.inject('/api/v1/categories')).statusCode, 200);
});
