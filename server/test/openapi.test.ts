import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from './helpers.js';

interface OpenApiDoc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
  components?: { schemas?: Record<string, unknown> };
}

test('GET /docs/json is an OpenAPI 3 document with the main paths, tagged by audience', async (t) => {
  const app = await build(t);
  const response = await app.inject('/docs/json');
  assert.equal(response.statusCode, 200);
  const doc = response.json<OpenApiDoc>();
  assert.match(doc.openapi, /^3\./);
  for (const path of [
    '/api/v1/units', '/api/v1/units/{id}', '/api/v1/categories', '/api/v1/reports', '/api/v1/reports/{id}',
    '/api/v1/exports/reports.csv', '/api/v1/exports/reports.geojson',
    '/api/v1/feeds/{unit}/new.atom', '/api/v1/feeds/{unit}/confirmed.atom',
    '/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/requests/{id}.xml', '/healthz',
  ]) {
    assert.ok(doc.paths[path], `missing ${path}`);
  }
  assert.ok(doc.paths['/api/v1/reports']!.get && doc.paths['/api/v1/reports']!.post);
  assert.deepEqual(doc.paths['/api/v1/categories']!.get!.tags, ['public']);
  assert.deepEqual(doc.paths['/api/v1/staff/reports']!.get!.tags, ['staff']);
  assert.deepEqual(doc.paths['/open311/v2/services.json']!.get!.tags, ['open311']);
  assert.deepEqual(doc.paths['/api/v1/exports/reports.csv']!.get!.tags, ['open data']);
});

test('the document leaves out static files and CORS preflights, and resolves every $ref', async (t) => {
  const app = await build(t);
  const doc = (await app.inject('/docs/json')).json<OpenApiDoc>();
  assert.ok(Object.keys(doc.paths).every((p) => p.startsWith('/api/v1/') || p.startsWith('/open311/') || p === '/healthz'));
  assert.ok(Object.values(doc.paths).every((ops) => !('options' in ops)));
  const text = JSON.stringify(doc);
  const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(refs.length > 0);
  for (const ref of refs) assert.ok(doc.components?.schemas?.[ref], `unresolved $ref ${ref}`);
});

test('/docs serves the Swagger UI with its assets from the package, not a CDN', async (t) => {
  const app = await build(t);
  const page = await app.inject('/docs/');
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.doesNotMatch(page.body, /(src|href)="https?:/);
  const bundle = await app.inject('/docs/static/swagger-ui-bundle.js');
  assert.equal(bundle.statusCode, 200);
  assert.ok(bundle.body.length > 100_000);
});
