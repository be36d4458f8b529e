import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DailyKeys } from '../reports/daily-keys.js';
import { newReportId } from '../reports/ids.js';
import { networkOf } from '../reports/network.js';
import { isPubliclyVisible } from '../../common/visibility.js';

test('networks: IPv4 as is, IPv4-mapped as IPv4, IPv6 by its /64', () => {
  assert.equal(networkOf('203.0.113.77'), '203.0.113.77');
  assert.equal(networkOf('::ffff:203.0.113.77'), '203.0.113.77');
  assert.equal(networkOf('2001:db8:1:2::1'), '2001:db8:1:2::/64');
  assert.equal(networkOf('2001:0db8:0001:0002:ffff:0:0:9'), '2001:db8:1:2::/64');
  assert.equal(networkOf('2001:db8::1'), '2001:db8:0:0::/64');
});

test('daily keys differ by day and by secret; the same day gives the same hash', () => {
  const keys = new DailyKeys(Buffer.alloc(32, 7));
  const now = new Date('2025-05-01T23:59:00Z');
  const [today, yesterday] = keys.recentHashes('device:abc', now);
  assert.notDeepEqual(today, yesterday);
  assert.deepEqual(keys.hash('device:abc', new Date('2025-05-01T00:00:01Z')), today);
  assert.deepEqual(keys.hash('device:abc', new Date('2025-05-02T00:00:01Z'), 1), today, "tomorrow's yesterday is today");
  assert.notDeepEqual(new DailyKeys(Buffer.alloc(32, 8)).hash('device:abc', now), today);
  assert.throws(() => new DailyKeys(Buffer.alloc(8)));
});

test('report ids are 10 Crockford characters and do not repeat', () => {
  const ids = new Set(Array.from({ length: 2000 }, newReportId));
  assert.equal(ids.size, 2000);
  for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{10}$/);
});

test('public visibility follows the category rule, then the status and its age', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  assert.equal(isPubliclyVisible('always', 'new', daysAgo(100), now), true);
  assert.equal(isPubliclyVisible('never', 'confirmed', daysAgo(0), now), false);
  assert.equal(isPubliclyVisible('confirmed', 'verifying', daysAgo(0), now), false);
  assert.equal(isPubliclyVisible('confirmed', 'forwarded', daysAgo(0), now), true);
  assert.equal(isPubliclyVisible('always', 'eliminated', daysAgo(29), now), true);
  assert.equal(isPubliclyVisible('always', 'eliminated', daysAgo(31), now), false);
  assert.equal(isPubliclyVisible('always', 'not_confirmed', daysAgo(6), now), true);
  assert.equal(isPubliclyVisible('always', 'not_confirmed', daysAgo(8), now), false);
  assert.equal(isPubliclyVisible('always', 'prank', daysAgo(0), now), false);
  assert.equal(isPubliclyVisible('always', 'hidden', daysAgo(0), now), false);
});
