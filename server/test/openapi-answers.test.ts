import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DEVICE_HEADER } from '../../common/api.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';
import { newDevice, OLSZTYN, postReport } from './report-helpers.js';

type Json = Record<string, unknown>;
interface Operation { responses: Record<string, { content?: Record<string, { schema: Json }> }> }
interface OpenApiDoc { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } }

// ajv-formats is CommonJS with a default export, which Node's ESM loader wraps once more.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

/**
 * A validator for the document's schemas: JSON Schema 2020-12 (OpenAPI 3.1) with formats, the
 * components as `$defs` of one schema, and the OpenAPI-only words (`xml`, `example`) known.
 */
function validatorOf(doc: OpenApiDoc): (schema: Json) => (value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('xml').addKeyword('example');
  const relink = (schema: unknown): Json => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/')) as Json;
  ajv.addSchema({ $id: 'components', $defs: relink(doc.components.schemas) });
  return (schema) => {
    const check = ajv.compile(relink(schema));
    return (value) => (check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
  };
}

/** A UTC day (YYYY-MM-DD) some days from today. */
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('real answers of the documented GET routes match their documented schemas (ajv, JSON Schema 2020-12)', async (t) => {
  // A point limit of 1 makes the county map a map of clusters, the other documented shape.
  const app = await build(t, { reportMap: { pointLimit: 1, workers: 0 } });
  const device = newDevice();
  const created = await postReport(app, { ...OLSZTYN, category: 'vandalism', description: 'kept private' }, { device });
  assert.equal(created.statusCode, 201);
  const id = created.json<{ id: string }>().id;
  await plant(app, { unit: 'kmp-olsztyn', category: 'vandalism', status: 'confirmed' });
  await plant(app, { unit: 'kpp-wejherowo', category: 'illegal_parking', status: 'confirmed' });

  const doc = (await app.inject('/docs/json')).json<OpenApiDoc>();
  const validator = validatorOf(doc);
  const calls: [path: string, url: string, headers?: Record<string, string>][] = [
    ['/api/v1/units', '/api/v1/units'],
    ['/api/v1/units/{id}', '/api/v1/units/kmp-olsztyn'],
    ['/api/v1/units/{id}/widget-config', '/api/v1/units/kmp-olsztyn/widget-config'],
    ['/api/v1/categories', '/api/v1/categories'],
    ['/api/v1/categories', '/api/v1/categories?unit=kmp-olsztyn'],
    ['/api/v1/locate', `/api/v1/locate?lon=${OLSZTYN.lon}&lat=${OLSZTYN.lat}`],
    ['/api/v1/reports', '/api/v1/reports?unit=kmp-olsztyn'],
    ['/api/v1/reports', '/api/v1/reports?unit=pl'],
    ['/api/v1/reports/nearby', `/api/v1/reports/nearby?lon=${OLSZTYN.lon}&lat=${OLSZTYN.lat}&category=vandalism`],
    ['/api/v1/reports/{id}', `/api/v1/reports/${id}`],
    ['/api/v1/reports/allowance', '/api/v1/reports/allowance?unit=kmp-olsztyn', { [DEVICE_HEADER]: device }],
    ['/api/v1/stats', `/api/v1/stats?unit=kmp-olsztyn&from=${day(-30)}&to=${day(0)}`],
    ['/api/v1/crime-stats', `/api/v1/crime-stats?unit=kmp-olsztyn&from=${day(-400).slice(0, 7)}&to=${day(0).slice(0, 7)}`],
    ['/healthz', '/healthz'],
    ['/open311/v2/discovery.json', '/open311/v2/discovery.json'],
    ['/open311/v2/services.json', '/open311/v2/services.json?jurisdiction_id=kmp-olsztyn'],
    ['/open311/v2/services/{service_code}.json', '/open311/v2/services/vandalism.json'],
    ['/open311/v2/requests.json', '/open311/v2/requests.json'],
    ['/open311/v2/requests/{id}.json', `/open311/v2/requests/${id}.json`],
  ];
  const documentedGets = Object.entries(doc.paths).filter(([p, ops]) => ops.get?.responses['200']?.content?.['application/json'] && !p.includes('/staff/'));
  const called = new Set(calls.map(([path]) => path));
  assert.deepEqual(documentedGets.map(([p]) => p).filter((p) => !called.has(p)), [], 'a documented public JSON GET is not called here');

  for (const [path, url, headers] of calls) {
    const response = await app.inject({ url, headers });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 200)}`);
    const schema = doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema;
    assert.deepEqual(validator(schema)(response.json()), [], url);
  }
  // The clustered map really was clusters, and the tuple bbox and coordinates were checked.
  const clustered = (await app.inject('/api/v1/reports?unit=pl')).json<{ features: { properties: Json }[] }>();
  assert.ok(clustered.features.some((f) => 'count' in f.properties), JSON.stringify(clustered.features[0]));
});

test('an answer off its documented schema is caught (the check can fail)', async (t) => {
  const app = await build(t);
  const doc = (await app.inject('/docs/json')).json<OpenApiDoc>();
  const unit = (await app.inject('/api/v1/units/kmp-olsztyn')).json<Json>();
  const check = validatorOf(doc)(doc.paths['/api/v1/units/{id}']!.get!.responses['200']!.content!['application/json']!.schema);
  assert.deepEqual(check(unit), []);
  assert.notDeepEqual(check({ ...unit, bbox: [1, 2, 3] }), []);
  assert.notDeepEqual(check({ ...unit, bbox: [1, 2, 3, 4, 5] }), []);
});
