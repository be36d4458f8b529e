// The store port's contract for the parts the server reads at start and operators watch:
// secrets, powiats, operations, and the demo data's status changes (store-contract-harness.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { contract, insert, report, ago, mail } from './store-contract-harness.js';

contract('a secret is made once and kept: a second instance gets the same bytes, not its own', async (h) => {
  const first = await h.store.secrets.stored('daily-rule', () => randomBytes(32));
  assert.equal(first.length, 32);
  const other = await h.another();
  let made = 0;
  const again = await other.secrets.stored('daily-rule', () => {
    made++;
    return randomBytes(32);
  });
  assert.deepEqual(again, first);
  assert.ok(made <= 1, 'the maker may run (insert-if-absent), but its value is not kept');
  const second = await h.store.secrets.stored('staff-login', () => Buffer.from('another secret'));
  assert.equal(second.toString(), 'another secret', 'each name has its own secret');
});

contract('powiats: every shipped powiat with its voivodeship and boundary', async (h) => {
  const powiats = await h.store.powiats.all();
  assert.equal(powiats.length, 380);
  assert.deepEqual(powiats.map((p) => p.teryt), [...powiats.map((p) => p.teryt)].sort(), 'by TERYT code');
  const olsztyn = powiats.find((p) => p.teryt === '2862')!;
  assert.equal(olsztyn.name, 'powiat Olsztyn');
  assert.deepEqual(olsztyn.voivodeship, { teryt: '28', name: 'warmińsko-mazurskie' });
  assert.match(olsztyn.boundary.type, /^(Multi)?Polygon$/);
});

contract('operations: ping answers; overdue counts real new and verifying reports past the targets', async (h) => {
  await h.store.operations.ping();
  await insert(h,
    report({ createdAt: ago(10) }),
    report({ createdAt: ago(10), status: 'verifying' }),
    report({ createdAt: ago(1) }),
    report({ createdAt: ago(10), demo: true }),
    report({ createdAt: ago(10), status: 'confirmed' }));
  assert.deepEqual(await h.store.operations.overdue(ago(3), ago(7)), { read: 1, verify: 2 });
  assert.deepEqual(await h.store.operations.overdue(ago(0), ago(0)), { read: 2, verify: 3 });
  const sizes = await h.store.operations.sizes();
  assert.ok(sizes.length > 0 && sizes.every((s) => Number.isInteger(s.bytes) && s.bytes >= 0), JSON.stringify(sizes));
  assert.ok(sizes.some((s) => s.bytes > 0), 'the database takes room on disk');
});

contract('operations: the mail queue counts waiting, retrying and failed mails, not sent ones', async (h) => {
  assert.deepEqual(await h.store.operations.mailQueue(), { waiting: 0, retrying: 0, failed: 0 });
  await h.store.unit(async (tx) => {
    for (let n = 0; n < 4; n++) await tx.mail.enqueue(mail({ subject: `mail ${n}` }));
  });
  const [a, b, c] = await h.store.unit((tx) => tx.mail.claimDue(ago(-1), ago(-2), 3));
  await h.store.unit(async (tx) => {
    await tx.mail.sent(a!.id, ago(0));
    await tx.mail.retryAt(b!.id, ago(-1), '421 try later');
    await tx.mail.givenUp(c!.id, ago(0), '550 no such user');
  });
  assert.deepEqual(await h.store.operations.mailQueue(), { waiting: 2, retrying: 1, failed: 1 });
});

contract('demo data: a status change without staff is history and status; clearDemo removes demo reports only', async (h) => {
  const demo = report({ demo: true, createdAt: ago(5) });
  const real = report({ createdAt: ago(5) });
  await insert(h, demo, real);
  await h.store.unit(async (tx) => {
    await tx.reports.changeStatus(demo.id, ago(3), 'verifying', 'Sprawdzamy.');
    await tx.reports.changeStatus(demo.id, ago(2), 'confirmed');
  });
  assert.deepEqual(await h.store.reports.history(demo.id), [
    { at: ago(5), status: 'new' }, { at: ago(3), status: 'verifying', note: 'Sprawdzamy.' }, { at: ago(2), status: 'confirmed' },
  ]);
  const found = await h.store.reports.find(demo.id);
  assert.equal(found?.status, 'confirmed');
  assert.equal(found?.updatedAt, ago(2));
  assert.equal(await h.store.unit((tx) => tx.reports.clearDemo()), 1);
  assert.equal(await h.store.reports.find(demo.id), undefined);
  assert.ok(await h.store.reports.find(real.id), 'real reports stay');
  assert.equal(await h.value('SELECT count(*) FROM report_history WHERE report_id = ?', [demo.id]), 0, 'its history went with it');
});
