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

interface Operation {
  summary?: string;
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
type FullDoc = OpenApiDoc & {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes?: Record<string, Record<string, unknown>> };
};

async function fullDoc(t: import('node:test').TestContext): Promise<FullDoc> {
  const app = await build(t);
  return (await app.inject('/docs/json')).json<FullDoc>();
}

test('OpenAPI 3.1: tuples are prefixItems, every operation has a summary and a unique operationId, and a server', async (t) => {
  const doc = await fullDoc(t);
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(doc.servers, [{ url: '/', description: 'This server' }]);
  assert.equal(doc.components.schemas.Bbox!.prefixItems instanceof Array, true);
  assert.equal(doc.components.schemas.Bbox!.items, false);
  assert.doesNotMatch(JSON.stringify(doc), /"additionalItems"/);
  const ids: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      assert.ok(op.summary, `${method} ${path} has no summary`);
      assert.ok(op.operationId, `${method} ${path} has no operationId`);
      ids.push(op.operationId!);
    }
  }
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
});

test('writes are described: request bodies, the device and tracking headers, the staff session cookie', async (t) => {
  const doc = await fullDoc(t);
  const report = doc.paths['/api/v1/reports']!.post!;
  assert.deepEqual(Object.keys(report.requestBody!.content).sort(), ['application/json', 'multipart/form-data']);
  assert.deepEqual(Object.keys(report.requestBody!.content['multipart/form-data']!.schema.properties as object), ['report', 'photo']);
  const header = (op: Operation, name: string) => op.parameters?.find((p) => p.in === 'header' && p.name === name);
  assert.equal(header(report, 'KMZB-Device')?.required, true);
  assert.equal(header(doc.paths['/api/v1/reports/{id}/confirmations']!.post!, 'KMZB-Device')?.required, true);
  assert.equal(header(doc.paths['/api/v1/reports/allowance']!.get!, 'KMZB-Device')?.required, true);
  assert.equal(header(doc.paths['/api/v1/reports/{id}']!.get!, 'KMZB-Tracking-Token')?.required, false);
  const open311 = doc.paths['/open311/v2/requests.json']!.post!;
  assert.ok(open311.requestBody!.content['application/x-www-form-urlencoded']);
  assert.equal(header(open311, 'KMZB-Device')?.required, false);
  assert.ok(doc.paths['/api/v1/staff/crime-stats/import']!.post!.requestBody!.content['text/csv']);

  assert.deepEqual(doc.components.securitySchemes?.staffSession, {
    type: 'apiKey', in: 'cookie', name: 'kmzb_staff', description: doc.components.securitySchemes!.staffSession!.description,
  });
  assert.deepEqual(doc.paths['/api/v1/staff/reports']!.get!.security, [{ staffSession: [] }]);
  assert.deepEqual(doc.paths['/api/v1/staff/session']!.post!.security, [], 'logging in needs no session');
  assert.deepEqual(doc.paths['/api/v1/units']!.get!.security, []);
});

test('exports, feeds and Open311 XML document their 200 media types, and JSON (or GeoReport XML) errors', async (t) => {
  const doc = await fullDoc(t);
  const media = (path: string, status: string) => Object.keys(doc.paths[path]!.get!.responses[status]?.content ?? {});
  assert.deepEqual(media('/api/v1/exports/reports.csv', '200'), ['text/csv']);
  assert.deepEqual(media('/api/v1/exports/reports.csv', '4XX'), ['application/json']);
  assert.deepEqual(media('/api/v1/exports/reports.geojson', '200'), ['application/geo+json']);
  assert.deepEqual(media('/api/v1/exports/reports.geojson', '4XX'), ['application/json']);
  assert.deepEqual(media('/api/v1/feeds/{unit}/new.atom', '200'), ['application/atom+xml']);
  assert.deepEqual(media('/api/v1/feeds/{unit}/confirmed.atom', '4XX'), ['application/json']);
  const xml = doc.paths['/open311/v2/requests.xml']!.get!.responses;
  const list = xml['200']!.content!['text/xml']!.schema;
  assert.deepEqual(list.xml, { name: 'service_requests', wrapped: true });
  assert.deepEqual((list.items as { xml: unknown }).xml, { name: 'request' });
  assert.deepEqual(xml['4XX']!.content!['text/xml']!.schema.xml, { name: 'errors', wrapped: true });
  assert.deepEqual(media('/open311/v2/requests.json', '200'), ['application/json']);
});
