import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ApiPath, apiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { CategoryList } from '../../common/schemas/category.js';
import type { StaffUnitConfig } from '../../common/schemas/staff.js';
import type { WidgetConfig } from '../../common/schemas/widget-config.js';
import { WIDGET_CONFIG_DEFAULTS } from '../../common/widget-config.js';
import { build } from './helpers.js';
import { sqlOf } from './test-sql.js';
import { addStaff, logIn, staffInject } from './staff-helpers.js';

const configUrl = (id: string) => apiPath(ApiPath.widgetConfig, { id });

async function adminOf(app: FastifyInstance, unit = 'pl') {
  await addStaff(app, `admin-${unit}`, 'admin', unit);
  const session = await logIn(app, `admin-${unit}`);
  return (id: string, payload: Record<string, unknown>) =>
    staffInject(app, session, { method: 'PUT', url: `/api/v1/staff/units/${id}/config`, payload });
}

test('a unit nobody configured gets the national defaults and all 24 categories', async (t) => {
  const app = await build(t);
  const response = await app.inject(configUrl('kpp-wejherowo'));
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  const config = response.json<WidgetConfig>();
  const all = (await app.inject(ApiPath.categories)).json<CategoryList>().categories.map((c) => c.code);
  // No language: nobody chose one, so the page's language decides (else Polish) in the widget.
  assert.deepEqual(config, { unit: 'kpp-wejherowo', enabledCategories: all, ...WIDGET_CONFIG_DEFAULTS, defaultLang: null });
  // The period the map has always shown: one default, on the server, in the console and the widget.
  assert.equal(config.timeWindowDays, 365);
});

test('an admin\'s save shows in the next read, without a restart: every read revalidates its ETag', async (t) => {
  const app = await build(t);
  const put = await adminOf(app);
  const first = await app.inject(configUrl('kmp-olsztyn'));
  assert.equal(first.headers['cache-control'], 'public, no-cache');
  const etag = String(first.headers.etag);
  const unchanged = await app.inject({ url: configUrl('kmp-olsztyn'), headers: { 'if-none-match': etag } });
  assert.equal(unchanged.statusCode, 304);
  assert.equal(unchanged.body, '');

  const saved = await put('kmp-olsztyn', {
    enabledCategories: ['speeding', 'illegal_dump', 'illegal_parking'], timeWindowDays: 7, accentColor: '#CC0000', defaultView: 'report',
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const changed = await app.inject({ url: configUrl('kmp-olsztyn'), headers: { 'if-none-match': etag } });
  assert.equal(changed.statusCode, 200, 'the old ETag no longer matches');
  assert.notEqual(changed.headers.etag, etag);
  assert.deepEqual(changed.json<WidgetConfig>(), {
    unit: 'kmp-olsztyn',
    // In the catalogue's order, whatever order the admin ticked them in.
    enabledCategories: ['illegal_dump', 'illegal_parking', 'speeding'],
    defaultView: 'report', timeWindowDays: 7, defaultLang: null, accentColor: '#cc0000', photosEnabled: true,
  });
  // A station under it (none in the seed) would inherit; its parent does not.
  assert.equal((await app.inject(configUrl('kwp-olsztyn'))).json<WidgetConfig>().enabledCategories.length, 24);
});

test('the public config never carries the embedding origins; the staff answer does, with what the unit inherits', async (t) => {
  const app = await build(t);
  const put = await adminOf(app);
  await put('kwp-olsztyn', { allowedOrigins: ['https://olsztyn.policja.gov.pl'], timeWindowDays: 90, photosEnabled: false });
  await put('kmp-olsztyn', { timeWindowDays: 30 });
  const response = await app.inject(configUrl('kmp-olsztyn'));
  assert.ok(!('allowedOrigins' in response.json<Record<string, unknown>>()));
  assert.ok(!response.body.includes('policja.gov.pl'));

  await addStaff(app, 'boss', 'admin', 'kmp-olsztyn');
  const session = await logIn(app, 'boss');
  const staff = (await staffInject(app, session, { method: 'GET', url: '/api/v1/staff/units/kmp-olsztyn/config' })).json<StaffUnitConfig>();
  assert.deepEqual(staff.effective.allowedOrigins, ['https://olsztyn.policja.gov.pl']);
  assert.equal(staff.effective.timeWindowDays, 30);
  // Without its own 30 days the unit would get its parent's 90: what the configurator shows as inherited.
  assert.equal(staff.inherited.timeWindowDays, 90);
  assert.equal(staff.inherited.photosEnabled, false);
  assert.deepEqual(staff.inherited.allowedOrigins, ['https://olsztyn.policja.gov.pl']);
  assert.equal(staff.inherited.unit, 'kmp-olsztyn');

  const root = (await staffInject(app, await logIn(app, 'admin-pl'), { method: 'GET', url: '/api/v1/staff/units/pl/config' })).json<StaffUnitConfig>();
  const { unit: _unit, enabledCategories, allowedOrigins, ...fields } = root.inherited;
  assert.deepEqual(fields, WIDGET_CONFIG_DEFAULTS, 'the root inherits the national defaults');
  assert.equal(enabledCategories.length, 24);
  assert.equal(allowedOrigins, null);
});

test('an unknown unit is 404 UNIT_NOT_FOUND and a malformed id 400', async (t) => {
  const app = await build(t);
  const unknown = await app.inject(configUrl('kmp-atlantyda'));
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<ErrorBody>().code, 'UNIT_NOT_FOUND');
  assert.equal((await app.inject(configUrl('KMP!'))).statusCode, 400);
});

test('GET /categories?unit= lists only the unit\'s enabled categories and follows a save at once', async (t) => {
  const app = await build(t);
  const put = await adminOf(app);
  const all = await app.inject(ApiPath.categories);
  assert.equal(all.json<CategoryList>().categories.length, 24);
  assert.equal(all.headers['cache-control'], 'public, max-age=300');
  const before = await app.inject(`${ApiPath.categories}?unit=kmp-olsztyn`);
  assert.equal(before.json<CategoryList>().categories.length, 24);
  assert.equal(before.headers['cache-control'], 'public, no-cache');

  await put('kwp-olsztyn', { enabledCategories: ['speeding', 'begging', 'vandalism'] });
  const codes = async (query: string) => (await app.inject(`${ApiPath.categories}${query}`)).json<CategoryList>().categories.map((c) => c.code);
  assert.deepEqual(await codes('?unit=kmp-olsztyn'), ['vandalism', 'speeding', 'begging'], 'inherited from the voivodeship, catalogue order');
  assert.deepEqual(await codes('?unit=kwp-olsztyn'), ['vandalism', 'speeding', 'begging']);
  assert.equal((await codes('?unit=kmp-gdansk')).length, 24, 'another voivodeship is not affected');
  assert.equal((await codes('')).length, 24, 'without a unit: the whole catalogue');
  const etag = String(before.headers.etag);
  assert.equal((await app.inject({ url: `${ApiPath.categories}?unit=kmp-olsztyn`, headers: { 'if-none-match': etag } })).statusCode, 200);
});

test('a language chosen anywhere up the chain is served; the staff view always names the language', async (t) => {
  const app = await build(t);
  const put = await adminOf(app);
  await put('kwp-olsztyn', { defaultLang: 'uk' });
  assert.equal((await app.inject(configUrl('kmp-olsztyn'))).json<WidgetConfig>().defaultLang, 'uk');
  await put('pl', { defaultLang: 'pl' });
  assert.equal((await app.inject(configUrl('kpp-wejherowo'))).json<WidgetConfig>().defaultLang, 'pl', 'chosen at the root: not null any more');
  await addStaff(app, 'gda', 'admin', 'kmp-gdansk');
  const staff = (await staffInject(app, await logIn(app, 'gda'), { method: 'GET', url: '/api/v1/staff/units/kmp-gdansk/config' })).json<StaffUnitConfig>();
  assert.equal(staff.effective.defaultLang, 'pl');
});

test('a config another process saved into the same file is seen within a second, not only after a restart', async (t) => {
  const app = await build(t);
  const now = Date.now();
  assert.equal(app.unitConfigs.effective('kmp-olsztyn', now)!.timeWindowDays, 365);
  // What another server process sharing the database would write.
  await sqlOf(app).run("INSERT INTO unit_configs (unit_id, time_window_days, updated_at) VALUES ('kmp-olsztyn', 7, ?)", new Date(now).toISOString());
  // Within the second the settings in memory answer; after it, the first read reads the store again.
  assert.equal(app.unitConfigs.effective('kmp-olsztyn', now + 500)!.timeWindowDays, 365);
  app.unitConfigs.effective('kmp-olsztyn', now + 1500);
  await app.unitConfigs.whenFresh();
  assert.equal(app.unitConfigs.effective('kmp-olsztyn')!.timeWindowDays, 7);
});
