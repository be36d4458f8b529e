import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from './helpers.js';
import { changeStatus } from './pg-a-helpers.js';
import { plant } from './map-helpers.js';
import { childrenOf, parseXml, textOf, type XmlNode } from './xml-check.js';

const ATOM = 'http://www.w3.org/2005/Atom';

function entryIds(feed: XmlNode): string[] {
  return childrenOf(feed, 'entry').map((e) => childrenOf(e, 'link')[0]!.attrs.href!.split('/').pop()!);
}

test('new.atom: valid Atom 1.0 with the newest public reports of the unit subtree', async (t) => {
  const app = await build(t);
  const older = await plant(app, { unit: 'kpp-wejherowo', createdDaysAgo: 3, description: 'Jan Kowalski <script>' });
  const newer = await plant(app, { unit: 'kmp-gdansk', createdDaysAgo: 1 });
  await plant(app, { unit: 'kmp-olsztyn' });
  await plant(app, { unit: 'kmp-gdansk', category: 'drug_use' });
  await plant(app, { unit: 'kmp-gdansk', status: 'prank' });
  const response = await app.inject('/api/v1/feeds/kwp-gdansk/new.atom');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /^application\/atom\+xml; charset=utf-8/);
  assert.ok(!response.body.includes('Kowalski'));
  const feed = parseXml(response.body);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.attrs.xmlns, ATOM);
  assert.match(textOf(feed, 'id')!, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(textOf(feed, 'title')!, /KWP w Gdańsku/);
  assert.ok(!Number.isNaN(Date.parse(textOf(feed, 'updated')!)));
  const self = childrenOf(feed, 'link')[0]!;
  assert.equal(self.attrs.rel, 'self');
  assert.match(self.attrs.href!, /\/api\/v1\/feeds\/kwp-gdansk\/new\.atom$/);
  assert.ok(textOf(childrenOf(feed, 'author')[0]!, 'name'));
  assert.deepEqual(entryIds(feed), [newer, older]);
  const entry = childrenOf(feed, 'entry')[0]!;
  assert.match(textOf(entry, 'id')!, /^urn:uuid:/);
  assert.equal(textOf(entry, 'title'), 'Akty wandalizmu — Nowe');
  assert.ok(!Number.isNaN(Date.parse(textOf(entry, 'updated')!)));
  assert.match(textOf(entry, 'summary')!, /Kategoria: Akty wandalizmu\. Status: Nowe\. Jednostka: Komenda Miejska Policji w Gdańsku/);
  const link = childrenOf(entry, 'link')[0]!;
  assert.equal(link.attrs.type, 'application/json');
  assert.equal((await app.inject(new URL(link.attrs.href!).pathname)).statusCode, 200, 'the link serves the public report');
  // Entry ids are stable across requests.
  const again = parseXml((await app.inject('/api/v1/feeds/kwp-gdansk/new.atom')).body);
  assert.equal(textOf(childrenOf(again, 'entry')[0]!, 'id'), textOf(entry, 'id'));
});

test('confirmed.atom: reports most recently confirmed, still public, newest confirmation first', async (t) => {
  const app = await build(t);
  const day = 86_400_000;
  const first = await plant(app, { unit: 'kmp-olsztyn', status: 'confirmed', changedDaysAgo: 4 });
  const second = await plant(app, { unit: 'kmp-olsztyn', status: 'verifying', changedDaysAgo: 5 });
  await changeStatus(app, second, new Date(Date.now() - 2 * day).toISOString(), 'confirmed');
  const laterPrank = await plant(app, { unit: 'kmp-olsztyn', status: 'confirmed', changedDaysAgo: 3 });
  await changeStatus(app, laterPrank, new Date(Date.now() - day).toISOString(), 'hidden');
  await plant(app, { unit: 'kmp-olsztyn' });
  const body = (await app.inject('/api/v1/feeds/kmp-olsztyn/confirmed.atom')).body;
  const feed = parseXml(body);
  assert.deepEqual(entryIds(feed), [second, first]);
  const entry = childrenOf(feed, 'entry')[0]!;
  assert.equal(textOf(entry, 'title'), 'Potwierdzone: Akty wandalizmu');
  assert.equal(textOf(feed, 'updated'), textOf(entry, 'updated'));
  const newFeedEntry = textOf(childrenOf(parseXml((await app.inject('/api/v1/feeds/kmp-olsztyn/new.atom')).body), 'entry')[0]!, 'id');
  assert.ok(!childrenOf(feed, 'entry').some((e) => textOf(e, 'id') === newFeedEntry), 'entry ids differ between feeds');
});

test('confirmed.atom lists a report confirmed twice once, at its latest confirmation', async (t) => {
  const app = await build(t);
  const day = 86_400_000;
  const now = Date.now();
  const twice = await plant(app, { unit: 'kmp-olsztyn', status: 'confirmed', changedDaysAgo: 6 });
  await changeStatus(app, twice, new Date(now - 5 * day).toISOString(), 'verifying');
  const latest = new Date(now - day).toISOString();
  await changeStatus(app, twice, latest, 'confirmed');
  const once = await plant(app, { unit: 'kmp-olsztyn', status: 'confirmed', changedDaysAgo: 3 });
  // A county reads its own reports; a voivodeship and the country walk all confirmations.
  for (const unit of ['kmp-olsztyn', 'kwp-olsztyn', 'pl']) {
    const feed = parseXml((await app.inject(`/api/v1/feeds/${unit}/confirmed.atom`)).body);
    assert.deepEqual(entryIds(feed), [twice, once], unit);
    assert.equal(textOf(childrenOf(feed, 'entry')[0]!, 'updated'), latest, unit);
    const newest = parseXml((await app.inject(`/api/v1/feeds/${unit}/new.atom`)).body);
    assert.deepEqual(entryIds(newest), [once, twice], `${unit} new.atom, newest created first`);
  }
});

test('an empty feed is still valid Atom; an unknown unit is 404 UNIT_NOT_FOUND', async (t) => {
  const app = await build(t);
  const feed = parseXml((await app.inject('/api/v1/feeds/kpp-wejherowo/confirmed.atom')).body);
  assert.equal(childrenOf(feed, 'entry').length, 0);
  assert.ok(textOf(feed, 'updated'));
  const missing = await app.inject('/api/v1/feeds/atlantis/new.atom');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<{ code: string }>().code, 'UNIT_NOT_FOUND');
});
