import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiPath } from '../../common/api.js';
import type { ErrorBody } from '../../common/errors.js';
import type { LocateResult } from '../../common/schemas/locate.js';
import { build } from './helpers.js';

function locateUrl(query: string): string {
  return `${ApiPath.locate}?${query}`;
}

/** Place, lon, lat, expected powiat TERYT, county unit, HQ (ids from server/data/police-units.json). */
const PLACES: [string, number, number, string, string, string][] = [
  ['Warszawa, Pałac Kultury i Nauki', 21.0067, 52.2319, '1465', 'krp-warszawa', 'ksp'],
  ['Radom, centre', 21.1472, 51.4027, '1463', 'kmp-radom', 'kwp-radom'],
  ['Piaseczno', 21.0236, 52.0814, '1418', 'kpp-piaseczno', 'ksp'],
  ['Olsztyn, old town', 20.4801, 53.7784, '2862', 'kmp-olsztyn', 'kwp-olsztyn'],
  ['Hel', 18.8009, 54.6081, '2211', 'kpp-puck', 'kwp-gdansk'],
  ['Kraków, Rynek Główny', 19.9373, 50.0617, '1261', 'kmp-krakow', 'kwp-krakow'],
  ['Gdańsk, Długi Targ', 18.6533, 54.3486, '2261', 'kmp-gdansk', 'kwp-gdansk'],
  ['Sopot', 18.56, 54.4419, '2264', 'kmp-sopot', 'kwp-gdansk'],
  ['Zakopane', 19.9496, 49.2992, '1217', 'kpp-zakopane', 'kwp-krakow'],
  ['Wrocław, Rynek', 17.032, 51.11, '0264', 'kmp-wroclaw', 'kwp-wroclaw'],
  ['Stare Babice', 20.842, 52.253, '1432', 'kpp-warszawski-zachodni', 'ksp'],
  ['Koluszki', 19.815, 51.744, '1006', 'kpp-lodzki-wschodni', 'kwp-lodz'],
  ['Ustrzyki Dolne', 22.586, 49.43, '1801', 'kpp-ustrzyki-dolne', 'kwp-rzeszow'],
  ['Świnoujście', 14.247, 53.91, '3263', 'kmp-swinoujscie', 'kwp-szczecin'],
  ['Suwałki', 22.93, 54.1, '2063', 'kmp-suwalki', 'kwp-bialystok'],
];

test('well-known places are routed to their powiat and units, deepest first', async (t) => {
  const app = await build(t);
  for (const [place, lon, lat, teryt, county, hq] of PLACES) {
    const response = await app.inject(locateUrl(`lon=${lon}&lat=${lat}`));
    assert.equal(response.statusCode, 200, place);
    const result = response.json<LocateResult>();
    assert.equal(result.powiat.teryt, teryt, place);
    assert.equal(result.voivodeship.teryt, teryt.slice(0, 2), place);
    assert.deepEqual(result.units.map((unit) => unit.id), [county, hq, 'pl'], place);
    assert.deepEqual(result.units.map((unit) => unit.kind), ['county', 'voivodeship', 'national'], place);
    assert.equal(result.distance, 0, place);
    assert.deepEqual([result.lon, result.lat], [lon, lat]);
  }
});

test('the result names the powiat, the voivodeship and the units', async (t) => {
  const app = await build(t);
  const response = await app.inject(locateUrl('lon=20.49&lat=53.78'));
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.deepEqual(response.json<LocateResult>(), {
    lon: 20.49,
    lat: 53.78,
    powiat: { teryt: '2862', name: 'powiat Olsztyn' },
    voivodeship: { teryt: '28', name: 'warmińsko-mazurskie' },
    units: [
      { id: 'kmp-olsztyn', kind: 'county', name: 'Komenda Miejska Policji w Olsztynie', shortName: 'KMP w Olsztynie' },
      { id: 'kwp-olsztyn', kind: 'voivodeship', name: 'Komenda Wojewódzka Policji w Olsztynie', shortName: 'KWP w Olsztynie' },
      { id: 'pl', kind: 'national', name: 'Komenda Główna Policji', shortName: 'KGP' },
    ],
    distance: 0,
  });
});

test('a point at sea within 2 km of the shore goes to the nearest powiat with its distance', async (t) => {
  const app = await build(t);
  // 1 km (0.00899°) north of the northernmost vertex of powiat pucki (18.32937, 54.83533, Rozewie),
  // found from the shipped polygon; no powiat polygon contains it.
  const result = (await app.inject(locateUrl('lon=18.32937&lat=54.84432'))).json<LocateResult>();
  assert.equal(result.powiat.teryt, '2211');
  assert.equal(result.units[0]!.id, 'kpp-puck');
  assert.ok(result.distance > 0 && result.distance <= 2000, `distance ${result.distance}`);
  assert.ok(Math.abs(result.distance - 1000) <= 15, `about 1 km, got ${result.distance}`);
});

test('a point farther than 2 km from Poland is 422 OUTSIDE_POLAND', async (t) => {
  const app = await build(t);
  for (const [place, query] of [
    ['Berlin', 'lon=13.405&lat=52.52'],
    ['Baltic, 4 km north of Rozewie', 'lon=18.32937&lat=54.8713'],
    ['Null Island', 'lon=0&lat=0'],
  ]) {
    const response = await app.inject(locateUrl(query!));
    assert.equal(response.statusCode, 422, place);
    const body = response.json<ErrorBody>();
    assert.equal(body.code, 'OUTSIDE_POLAND', place);
    assert.equal(body.error, 'Unprocessable Entity');
    assert.equal(body.statusCode, 422);
  }
});

test('missing, non-numeric, out-of-range or empty coordinates are 400 INVALID_COORDINATES', async (t) => {
  const app = await build(t);
  for (const query of [
    'lat=52.2',
    'lon=21',
    '',
    'lon=21&lat=abc',
    'lon=abc&lat=52',
    'lon=200&lat=52',
    'lon=-180.5&lat=52',
    'lon=21&lat=-91',
    'lon=21&lat=90.0001',
    'lon=&lat=52',
    'lon=21&lat=',
    'lon=&lat=',
    'lon=NaN&lat=52',
    'lon=Infinity&lat=52',
    'lon=21&lon=22&lat=52',
  ]) {
    const response = await app.inject(locateUrl(query));
    assert.equal(response.statusCode, 400, query);
    const body = response.json<ErrorBody>();
    assert.equal(body.code, 'INVALID_COORDINATES', query);
    assert.equal(body.error, 'Bad Request');
    assert.ok(body.message.length > 0);
  }
});

test('unknown query parameters are ignored', async (t) => {
  const app = await build(t);
  const response = await app.inject(locateUrl('lon=21.0067&lat=52.2319&callback=alert'));
  assert.equal(response.statusCode, 200);
  assert.equal(response.json<LocateResult>().powiat.teryt, '1465');
});
