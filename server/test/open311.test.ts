import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from './helpers.js';
import { changeStatus } from './pg-a-helpers.js';
import { sqlOf } from './test-sql.js';
import { idsOf, getMap, plant } from './map-helpers.js';
import { startSmtp } from './mail-helpers.js';
import { newDevice, OLSZTYN } from './report-helpers.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';
import { childrenOf, parseXml, textOf, type XmlNode } from './xml-check.js';

const V2 = '/open311/v2';

function post(app: FastifyInstance, fields: Record<string, string | string[]>, url = `${V2}/requests.json`) {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return app.inject({
    method: 'POST', url, remoteAddress: '192.0.2.7',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString(),
  });
}

const valid = () => ({ service_code: 'vandalism', lat: String(OLSZTYN.lat), long: String(OLSZTYN.lon), device_id: newDevice() });

/** The XML root after checking it is well-formed and of the expected content type. */
function xmlOf(response: { headers: Record<string, unknown>; body: string }, root: string): XmlNode {
  assert.match(String(response.headers['content-type']), /^text\/xml; charset=utf-8/);
  const node = parseXml(response.body);
  assert.equal(node.name, root);
  return node;
}

test('discovery lists the v2 endpoint with both formats', async (t) => {
  const app = await build(t);
  const json = (await app.inject(`${V2}/discovery.json`)).json<Record<string, unknown> & { endpoints: Record<string, unknown>[] }>();
  assert.equal(typeof json.changeset, 'string');
  assert.equal(typeof json.contact, 'string');
  assert.equal(typeof json.key_service, 'string');
  assert.equal(json.endpoints[0]!.specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.match(String(json.endpoints[0]!.url), /\/open311\/v2$/);
  assert.deepEqual(json.endpoints[0]!.formats, ['application/json', 'text/xml']);
  const xml = xmlOf(await app.inject(`${V2}/discovery.xml`), 'discovery');
  const endpoint = childrenOf(childrenOf(xml, 'endpoints')[0]!, 'endpoint')[0]!;
  assert.deepEqual(childrenOf(childrenOf(endpoint, 'formats')[0]!, 'format').map((f) => f.text), ['application/json', 'text/xml']);
});

test('services: the 24 categories with the spec\'s fields and types, in both formats and by locale', async (t) => {
  const app = await build(t);
  const services = (await app.inject(`${V2}/services.json`)).json<Record<string, unknown>[]>();
  assert.equal(services.length, 24);
  for (const s of services) {
    assert.deepEqual(Object.keys(s), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    assert.equal(s.metadata, true);
    assert.equal(s.type, 'realtime');
    for (const key of ['service_code', 'service_name', 'description', 'keywords', 'group']) assert.equal(typeof s[key], 'string');
  }
  const vandalism = services.find((s) => s.service_code === 'vandalism')!;
  assert.equal(vandalism.service_name, 'Akty wandalizmu');
  assert.equal(vandalism.group, 'order');
  assert.match(String(services.find((s) => s.service_code === 'drug_use')!.description), /nie są publikowane/);
  const english = (await app.inject(`${V2}/services.json?locale=en`)).json<{ service_name: string }[]>();
  assert.equal(english[0]!.service_name, 'Acts of vandalism');

  const xml = xmlOf(await app.inject(`${V2}/services.xml`), 'services');
  const items = childrenOf(xml, 'service');
  assert.equal(items.length, 24);
  assert.equal(textOf(items[0]!, 'service_code'), 'vandalism');
  assert.equal(textOf(items[0]!, 'metadata'), 'true');
  assert.equal(textOf(items[0]!, 'type'), 'realtime');
});

test('a service definition has the event time and recurrence attributes', async (t) => {
  const app = await build(t);
  const def = (await app.inject(`${V2}/services/illegal_parking.json`)).json<{ service_code: string; attributes: Record<string, unknown>[] }>();
  assert.equal(def.service_code, 'illegal_parking');
  assert.deepEqual(def.attributes.map((a) => [a.code, a.datatype, a.order, a.required, a.variable]), [
    ['event_datetime', 'datetime', 1, false, true],
    ['recurrence_days', 'multivaluelist', 2, false, true],
    ['recurrence_times', 'multivaluelist', 3, false, true],
    ['description_limit', 'text', 4, false, false],
  ]);
  for (const a of def.attributes) {
    assert.equal(typeof a.description, 'string');
    assert.equal(typeof a.datatype_description, 'string');
  }
  assert.deepEqual((def.attributes[1]!.values as { key: string }[]).map((v) => v.key), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  const xml = xmlOf(await app.inject(`${V2}/services/illegal_parking.xml`), 'service_definition');
  const attributes = childrenOf(childrenOf(xml, 'attributes')[0]!, 'attribute');
  assert.equal(attributes.length, 4);
  const values = childrenOf(childrenOf(attributes[2]!, 'values')[0]!, 'value');
  assert.deepEqual(values.map((v) => textOf(v, 'key')), ['morning', 'afternoon', 'evening', 'night']);
});

test('POST creates a report under the daily rule that GET requests and the widget map then show', async (t) => {
  const app = await build(t);
  const device = newDevice();
  const response = await post(app, {
    ...valid(), device_id: device, description: 'Private: Jan Kowalski', api_key: 'anything', email: 'jan@example.pl',
    'attribute[event_datetime]': '2025-05-01T18:30:00+02:00',
    'attribute[recurrence_days][]': ['fri', 'sat'], 'attribute[recurrence_times][]': 'night',
  });
  assert.equal(response.statusCode, 200);
  const [created] = response.json<{ service_request_id: string; service_notice: string }[]>();
  assert.match(created!.service_request_id, /^[0-9A-Z]{10}$/);
  // The tracking page, with the token in the fragment (never sent to a server).
  assert.match(created!.service_notice, new RegExp(`http://localhost/r/${created!.service_request_id}#token=[A-Za-z0-9_-]{43}$`));
  const stored = await sqlOf(app).get('SELECT description, event_at AS "eventAt", recurrence FROM reports WHERE id = ?', created!.service_request_id);
  assert.deepEqual(stored, { description: 'Private: Jan Kowalski', eventAt: '2025-05-01T16:30:00.000Z', recurrence: '{"days":["fri","sat"],"times":["night"]}' });

  const { map } = await getMap(app, 'unit=kmp-olsztyn');
  assert.deepEqual(idsOf(map), [created!.service_request_id]);

  const list = (await app.inject(`${V2}/requests.json`)).json<Record<string, unknown>[]>();
  assert.equal(list.length, 1);
  const request = list[0]!;
  assert.deepEqual(Object.keys(request).sort(), ['agency_responsible', 'lat', 'long', 'requested_datetime', 'service_code', 'service_name', 'service_request_id', 'status', 'updated_datetime'].sort());
  assert.equal(request.status, 'open');
  assert.equal(request.agency_responsible, 'Komenda Miejska Policji w Olsztynie');
  assert.equal(request.lat, OLSZTYN.lat);
  assert.equal(request.long, OLSZTYN.lon);
  assert.ok(!JSON.stringify(list).includes('Kowalski'));

  const again = await post(app, { ...valid(), device_id: device });
  assert.equal(again.statusCode, 429);
  assert.ok(Number(again.headers['retry-after']) > 0);
  const [error] = again.json<{ code: number; description: string }[]>();
  assert.equal(error!.code, 429);
  assert.match(error!.description, /^REPORT_LIMIT_REACHED: /);
  const xml = xmlOf(await post(app, { ...valid(), device_id: device }, `${V2}/requests.xml`), 'errors');
  assert.equal(textOf(childrenOf(xml, 'error')[0]!, 'code'), '429');
});

test('POST answers in XML too, with the spec\'s request element', async (t) => {
  const app = await build(t);
  const xml = xmlOf(await post(app, valid(), `${V2}/requests.xml`), 'service_requests');
  const request = childrenOf(xml, 'request')[0]!;
  assert.match(textOf(request, 'service_request_id')!, /^[0-9A-Z]{10}$/);
  assert.match(textOf(request, 'service_notice')!, /token=/);
});

test('POST takes the spec\'s optional email as the widget\'s: kept apart, mailed at status changes in the locale\'s language, deleted at the final status; a bad one is 400 INVALID_EMAIL', async (t) => {
  const smtp = await startSmtp();
  t.after(() => smtp.close());
  const app = await build(t, {
    reportLimits: { perNetwork: 1000, writesPerMinute: 10_000 },
    mail: { smtpUrl: smtp.url, from: 'kmzb@example.pl', publicUrl: 'https://kmzb.example.pl' }, mailer: { intervalMs: 0 },
  });
  const contacts = () => sqlOf(app).all('SELECT report_id AS id, email, lang, tracking_url AS "trackingUrl" FROM report_contacts');

  // Refused before anything is stored, in the spec's error format with our code, JSON and XML.
  for (const email of ['ewa at example', 'ewa@', '@example.pl', `${'e'.repeat(250)}@example.pl`]) {
    const bad = await post(app, { ...valid(), email });
    assert.equal(bad.statusCode, 400, bad.body);
    const [error] = bad.json<{ code: number; description: string }[]>();
    assert.equal(error!.code, 400);
    assert.match(error!.description, /^INVALID_EMAIL: /);
  }
  const xml = xmlOf(await post(app, { ...valid(), email: 'ewa at example' }, `${V2}/requests.xml`), 'errors');
  assert.equal(textOf(childrenOf(xml, 'error')[0]!, 'code'), '400');
  assert.match(textOf(childrenOf(xml, 'error')[0]!, 'description')!, /^INVALID_EMAIL: /);
  assert.equal(await app.store.reports.count(), 0, 'nothing stored');

  // Blank is absent: the report is taken, nobody to tell.
  assert.equal((await post(app, { ...valid(), email: ' ' })).statusCode, 200);
  assert.deepEqual(await contacts(), []);

  const response = await post(app, { ...valid(), email: ' ewa@example.pl ', locale: 'uk_UA' });
  assert.equal(response.statusCode, 200, response.body);
  const [created] = response.json<{ service_request_id: string; service_notice: string }[]>();
  const id = created!.service_request_id;
  const trackingUrl = /(\S+\/r\/\S+#token=\S+)$/.exec(created!.service_notice)![1]!;
  assert.deepEqual(await contacts(), [{ id, email: 'ewa@example.pl', lang: 'uk', trackingUrl }]);
  assert.ok(!(await app.inject(`${V2}/requests/${id}.json`)).body.includes('ewa@'), 'never served');

  await addStaff(app, 'officer', 'officer', 'kmp-olsztyn');
  const cookie = await logIn(app, 'officer');
  const move = async (status: string, version: number) => {
    const moved = await staffInject(app, cookie, { method: 'POST', url: `/api/v1/staff/reports/${id}/status`, payload: { status, version } });
    assert.equal(moved.statusCode, 200, moved.body);
  };
  await move('verifying', 1);
  await app.mailer.tick();
  assert.equal(smtp.received.length, 1);
  assert.deepEqual(smtp.received[0]!.to, ['ewa@example.pl']);
  assert.ok(smtp.received[0]!.decoded.includes(trackingUrl), 'links to the tracking page');
  assert.match(smtp.received[0]!.decoded, /Перевіряється/);
  await move('not_confirmed', 2);
  assert.deepEqual(await contacts(), [], 'deleted at the final status');
});

test('error bodies: unknown service_code, missing lat/long, device, jurisdiction, bad filters', async (t) => {
  const app = await build(t);
  const cases: [Promise<{ statusCode: number; body: string; json: <T>() => T }>, number, string][] = [
    [post(app, { ...valid(), service_code: 'not_a_service' }), 404, 'UNKNOWN_CATEGORY'],
    [post(app, { ...valid(), lat: '' }), 400, 'INVALID_COORDINATES'],
    [post(app, { service_code: 'vandalism', device_id: newDevice() }), 400, 'INVALID_COORDINATES'],
    [post(app, { ...valid(), long: 'east' }), 400, 'INVALID_COORDINATES'],
    [post(app, { ...valid(), device_id: 'short' }), 400, 'DEVICE_TOKEN_REQUIRED'],
    [post(app, { ...valid(), jurisdiction_id: 'atlantis' }), 404, 'UNIT_NOT_FOUND'],
    [post(app, { ...valid(), jurisdiction_id: 'kwp-gdansk' }), 400, 'OUTSIDE_UNIT_AREA'],
    [post(app, { ...valid(), 'attribute[recurrence_days][]': 'someday' }), 400, 'INVALID_RECURRENCE'],
    [post(app, { ...valid(), 'attribute[event_datetime]': 'tomorrow' }), 400, 'INVALID_EVENT_TIME'],
    [app.inject({ method: 'POST', url: `${V2}/requests.json`, payload: { service_code: 'vandalism' } }), 400, 'INVALID_REQUEST'],
    [app.inject(`${V2}/services/not_a_service.json`), 404, 'UNKNOWN_CATEGORY'],
    [app.inject(`${V2}/services.json?jurisdiction_id=atlantis`), 404, 'UNIT_NOT_FOUND'],
    [app.inject(`${V2}/requests.json?jurisdiction_id=atlantis`), 404, 'UNIT_NOT_FOUND'],
    [app.inject(`${V2}/requests.json?service_code=not_a_service`), 404, 'UNKNOWN_CATEGORY'],
    [app.inject(`${V2}/requests.json?status=pending`), 400, 'UNKNOWN_STATUS'],
    [app.inject(`${V2}/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z`), 400, 'INVALID_PERIOD'],
    [app.inject(`${V2}/requests.json?start_date=last-week`), 400, 'INVALID_PERIOD'],
    [app.inject(`${V2}/requests/0000000000.json`), 404, 'REPORT_NOT_FOUND'],
    [app.inject(`${V2}/nothing.json`), 404, 'ROUTE_NOT_FOUND'],
  ];
  for (const [pending, status, code] of cases) {
    const response = await pending;
    assert.equal(response.statusCode, status, response.body);
    const errors = response.json<{ code: number; description: string }[]>();
    assert.ok(Array.isArray(errors) && errors.length === 1, response.body);
    assert.deepEqual(Object.keys(errors[0]!), ['code', 'description']);
    assert.equal(errors[0]!.code, status);
    assert.ok(errors[0]!.description.startsWith(`${code}: `), `${code} expected: ${response.body}`);
  }
  assert.equal(await app.store.reports.count(), 0, 'nothing was stored');
  const xml = xmlOf(await app.inject(`${V2}/requests/0000000000.xml`), 'errors');
  const error = childrenOf(xml, 'error')[0]!;
  assert.equal(textOf(error, 'code'), '404');
  assert.match(textOf(error, 'description')!, /^REPORT_NOT_FOUND: /);
});

test('GET requests: public reports only, status mapping, status_notes, the spec\'s filters and jurisdiction', async (t) => {
  const app = await build(t);
  const fresh = await plant(app, { unit: 'kmp-olsztyn', createdDaysAgo: 1 });
  const confirmed = await plant(app, { unit: 'kmp-gdansk', status: 'confirmed', changedDaysAgo: 2, createdDaysAgo: 3 });
  await changeStatus(app, confirmed, new Date(Date.now() - 86_400_000).toISOString(), 'forwarded', 'Przekazano zarządcy drogi & <straży>.');
  const eliminated = await plant(app, { unit: 'kpp-wejherowo', status: 'eliminated', changedDaysAgo: 3, createdDaysAgo: 5 });
  const old = await plant(app, { unit: 'kmp-olsztyn', createdDaysAgo: 120 });
  const hiddenCategory = await plant(app, { unit: 'kmp-olsztyn', category: 'animal_cruelty' });
  const prank = await plant(app, { unit: 'kmp-olsztyn', status: 'prank' });
  const hidden = await plant(app, { unit: 'kmp-olsztyn', status: 'hidden' });

  const ids = async (query: string) =>
    (await app.inject(`${V2}/requests.json${query}`)).json<{ service_request_id: string }[]>().map((r) => r.service_request_id);
  assert.deepEqual(await ids(''), [fresh, confirmed, eliminated]);
  assert.deepEqual(await ids('?status=open'), [fresh, confirmed]);
  assert.deepEqual(await ids('?status=closed'), [eliminated]);
  assert.deepEqual(await ids('?jurisdiction_id=kwp-gdansk'), [confirmed, eliminated]);
  assert.deepEqual(await ids('?service_code=vandalism,illegal_parking&jurisdiction_id=kmp-olsztyn'), [fresh]);
  const since = new Date(Date.now() - 130 * 86_400_000).toISOString();
  const until = new Date(Date.now() - 100 * 86_400_000).toISOString();
  assert.deepEqual(await ids(`?start_date=${since}&end_date=${until}`), [old]);
  assert.deepEqual(await ids(`?service_request_id=${old},${prank},${hidden},${hiddenCategory},${fresh}`), [fresh, old]);

  const [forwarded] = (await app.inject(`${V2}/requests/${confirmed}.json`)).json<Record<string, unknown>[]>();
  assert.equal(forwarded!.status, 'open');
  assert.equal(forwarded!.status_notes, 'Przekazano zarządcy drogi & <straży>.');
  assert.equal(forwarded!.agency_responsible, 'Komenda Miejska Policji w Gdańsku');
  assert.ok(Date.parse(String(forwarded!.updated_datetime)) > Date.parse(String(forwarded!.requested_datetime)));
  for (const id of [prank, hidden, hiddenCategory]) assert.equal((await app.inject(`${V2}/requests/${id}.json`)).statusCode, 404);

  const xml = xmlOf(await app.inject(`${V2}/requests/${confirmed}.xml`), 'service_requests');
  const request = childrenOf(xml, 'request')[0]!;
  assert.equal(textOf(request, 'status_notes'), 'Przekazano zarządcy drogi & <straży>.');
  assert.equal(textOf(request, 'status'), 'open');
  assert.equal(Number(textOf(request, 'long')), 18.6466);
  assert.equal(childrenOf(request, 'description').length, 0);
  const closed = childrenOf(xmlOf(await app.inject(`${V2}/requests.xml?status=closed`), 'service_requests'), 'request');
  assert.deepEqual(closed.map((r) => [textOf(r, 'service_request_id'), textOf(r, 'status')]), [[eliminated, 'closed']]);
});
