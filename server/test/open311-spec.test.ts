import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { REPORT_LIMITS } from '../../common/catalogue.js';
import { build } from './helpers.js';
import { plant } from './map-helpers.js';
import { newDevice, OLSZTYN } from './report-helpers.js';

const V2 = '/open311/v2';

function post(app: FastifyInstance, fields: Record<string, string>, url = `${V2}/requests.json`) {
  return app.inject({
    method: 'POST', url, remoteAddress: '192.0.2.8',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
  });
}

const valid = () => ({ service_code: 'vandalism', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: newDevice() });
const errorOf = (body: string) => JSON.parse(body) as { code: number; description: string }[];

test('empty optional parameters mean absent: jurisdiction_id=, start_date=&end_date=, status=, a POST\'s ?jurisdiction_id=', async (t) => {
  const app = await build(t);
  const id = await plant(app, { unit: 'kmp-olsztyn' });
  for (const query of ['jurisdiction_id=', 'start_date=&end_date=', 'jurisdiction_id=&service_code=&status=&start_date=%20', 'locale=']) {
    const response = await app.inject(`${V2}/requests.json?${query}`);
    assert.equal(response.statusCode, 200, `${query}: ${response.body}`);
    assert.deepEqual(response.json<{ service_request_id: string }[]>().map((r) => r.service_request_id), [id], query);
  }
  for (const url of [`${V2}/services.json?jurisdiction_id=`, `${V2}/services/vandalism.json?jurisdiction_id=`, `${V2}/requests/${id}.json?jurisdiction_id=`]) {
    assert.equal((await app.inject(url)).statusCode, 200, url);
  }
  const created = await post(app, valid(), `${V2}/requests.json?jurisdiction_id=`);
  assert.equal(created.statusCode, 200, created.body);
  const inForm = await post(app, { ...valid(), jurisdiction_id: '' });
  assert.equal(inForm.statusCode, 200, inForm.body);
});

test('the spec\'s statuses: 404 for an unknown service_code, 400 for the other refusals, our code kept in the description', async (t) => {
  const app = await build(t);
  const cases: [Promise<{ statusCode: number; body: string }>, number, string][] = [
    [post(app, { ...valid(), service_code: 'no_such_service' }), 404, 'UNKNOWN_CATEGORY'],
    [app.inject(`${V2}/requests.json?service_code=no_such_service`), 404, 'UNKNOWN_CATEGORY'],
    [app.inject(`${V2}/services/no_such_service.json`), 404, 'UNKNOWN_CATEGORY'],
    [post(app, { ...valid(), jurisdiction_id: 'kwp-gdansk' }), 400, 'OUTSIDE_UNIT_AREA'],
    [post(app, { ...valid(), lat: '48.0', long: '2.0' }), 400, 'OUTSIDE_POLAND'],
  ];
  for (const [pending, status, code] of cases) {
    const response = await pending;
    assert.equal(response.statusCode, status, response.body);
    const [error] = errorOf(response.body);
    assert.equal(error!.code, status);
    assert.match(error!.description, new RegExp(`^${code}: `));
  }
  // The rest of the API keeps its 422 for the same refusal.
  const widget = await app.inject({ url: '/api/v1/locate?lon=2&lat=48' });
  assert.equal(widget.statusCode, 422);
});

test('the service definition states the description limit; a longer description is refused with 400', async (t) => {
  const app = await build(t);
  for (const locale of ['pl', 'en', 'uk']) {
    const def = (await app.inject(`${V2}/services/vandalism.json?locale=${locale}`)).json<{ attributes: { code: string; variable: boolean; description: string }[] }>();
    const note = def.attributes.find((a) => a.code === 'description_limit');
    assert.equal(note?.variable, false, 'information only: no input');
    assert.match(note!.description, new RegExp(`\\b${REPORT_LIMITS.descriptionMaxLength}\\b`));
  }
  const tooLong = await post(app, { ...valid(), description: 'x'.repeat(REPORT_LIMITS.descriptionMaxLength + 1) });
  assert.equal(tooLong.statusCode, 400);
  assert.match(errorOf(tooLong.body)[0]!.description, /^DESCRIPTION_TOO_LONG: /);
});

test('OPTIONS on an Open311 resource is answered like the API\'s CORS preflight', async (t) => {
  const app = await build(t);
  const ask = (url: string) => app.inject({
    method: 'OPTIONS', url,
    headers: { origin: 'https://gmina.example.pl', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,kmzb-device' },
  });
  const open311 = await ask(`${V2}/requests.json`);
  const api = await ask('/api/v1/reports');
  assert.equal(open311.statusCode, 204);
  for (const header of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age', 'access-control-expose-headers']) {
    assert.ok(open311.headers[header], header);
    assert.equal(open311.headers[header], api.headers[header], header);
  }
  assert.match(String(open311.headers['access-control-allow-headers']), /KMZB-Device/);
  assert.equal((await ask(`${V2}/requests.xml`)).statusCode, 204);
});

test('service_notice tells when the new request will not be listed by GET requests', async (t) => {
  const app = await build(t);
  const notice = async (code: string) => {
    const response = await post(app, { ...valid(), service_code: code });
    assert.equal(response.statusCode, 200, response.body);
    const [created] = response.json<{ service_request_id: string; service_notice: string }[]>();
    const found = await app.inject(`${V2}/requests/${created!.service_request_id}.json`);
    return { notice: created!.service_notice, status: found.statusCode };
  };
  const never = await notice('drug_use');
  assert.equal(never.status, 404);
  assert.match(never.notice, /never public: GET requests will not return this one/);
  assert.match(never.notice, /#token=[A-Za-z0-9_-]{43}$/);
  const confirmed = await notice('dangerous_entertainment');
  assert.equal(confirmed.status, 404);
  assert.match(confirmed.notice, /public only once the police confirm them/);
  const always = await notice('vandalism');
  assert.equal(always.status, 200);
  assert.doesNotMatch(always.notice, /GET requests/);
});
