import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from './helpers.js';
import { redoclyLint } from './openapi-tools.js';

test('redocly lint (recommended rules) finds no error in the served OpenAPI document', async (t) => {
  const app = await build(t);
  const response = await app.inject('/docs/json');
  assert.equal(response.statusCode, 200);
  const result = await redoclyLint(t, response.body);
  const errors = result.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
  assert.deepEqual(errors, []);
  assert.equal(result.totals.errors, 0);
});

test('the linter does fail a document with a draft-07 tuple or an operation without a summary', async (t) => {
  const app = await build(t);
  const doc = (await app.inject('/docs/json')).json<{ paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, unknown> } }>();
  delete doc.paths['/api/v1/units']!.get!.summary;
  doc.components.schemas.Bbox = { type: 'array', items: [{ type: 'number' }], additionalItems: false };
  const result = await redoclyLint(t, JSON.stringify(doc));
  const rules = new Set(result.problems.filter((p) => p.severity === 'error').map((p) => p.ruleId));
  assert.ok(rules.has('operation-summary'), [...rules].join());
  assert.ok(rules.has('struct'), [...rules].join());
});
