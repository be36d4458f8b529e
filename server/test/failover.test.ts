// Failover (issue 16): two app instances on one PostgreSQL database behind nginx
// (deploy/nginx/kmzb.conf with an upstream of two). Clients post reports through nginx in a
// loop; one instance is killed with SIGKILL. Every acknowledged report is in the database, the
// daily rule held across both instances, and clients saw only answers they can act on:
// 201 (stored), 429 (the rule or the throttle), or a refusal to retry (502/503/504, a dropped
// connection) — never a 500 or a wrong answer.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:https';
import { test } from 'node:test';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import { createPgPool } from '../store/postgres/pool.js';
import { tempDir } from './helpers.js';
import { startNginx } from './nginx-harness.js';
import { pgUnavailableReason, stopOwnCluster, testDatabase } from './pg-cluster.js';
import { OLSZTYN } from './report-helpers.js';
import { startServer, type ServerProcess } from './server-process.js';
import { findProgram, missingProgram } from './tools.js';

const HOST = 'kmzb.example.pl';

interface Outcome {
  client: number;
  status?: number;
  code?: string;
  reportId?: string;
  error?: string;
  at: number;
}

function post(port: number, agent: Agent, device: string, client: number): Promise<Outcome> {
  const body = JSON.stringify({ ...OLSZTYN, category: 'illegal_parking' });
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port, servername: HOST, agent, rejectUnauthorized: false, method: 'POST', path: ApiPath.reports,
      headers: { host: `${HOST}:${port}`, 'content-type': 'application/json', [DEVICE_HEADER]: device },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const outcome: Outcome = { client, status: res.statusCode!, at: Date.now() };
        try {
          const parsed = JSON.parse(text) as { id?: string; code?: string };
          if (res.statusCode === 201) outcome.reportId = parsed.id;
          else if (parsed.code) outcome.code = parsed.code;
        } catch {
          // nginx's own error pages (502) are HTML.
        }
        resolve(outcome);
      });
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ client, error: error.code ?? error.message, at: Date.now() }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ client, error: error.code ?? error.message, at: Date.now() }));
    req.end(body);
  });
}

test('two instances behind nginx on one PostgreSQL: one is SIGKILLed under load; every acknowledged report is stored, the daily rule holds, no wrong answer', { timeout: 240_000 }, async (t) => {
  const skip = pgUnavailableReason();
  if (skip) return t.skip(skip);
  const nginxPath = findProgram('nginx');
  if (!nginxPath) return t.skip(missingProgram('nginx', 'apt-get install nginx'));
  if (!findProgram('openssl')) return t.skip(missingProgram('openssl', 'apt-get install openssl'));

  const db = await testDatabase();
  const servers: ServerProcess[] = [];
  const kills: (() => void)[] = [];
  t.after(async () => {
    for (const kill of kills) kill();
    await Promise.all(servers.map((s) => s.exited));
    await db.drop();
    await stopOwnCluster();
  });
  const env = {
    KMZB_DATABASE_URL: db.url, KMZB_TRUST_PROXY: '127.0.0.1', KMZB_SECRET: 'one secret for both instances',
    KMZB_REPORTS_PER_NETWORK: '1000000', KMZB_WRITES_PER_MINUTE: '1000000', KMZB_MAP_WORKERS: '1',
  };
  // One after the other: the first migrates and seeds, the second finds it done.
  for (let n = 0; n < 2; n++) servers.push(await startServer(env, (kill) => kills.push(kill)));
  const nginx = await startNginx(nginxPath, tempDir(t, 'kmzb-failover-'), servers.map((s) => s.port));
  t.after(() => nginx.stop());

  const outcomes: Outcome[] = [];
  let killedAt = 0;
  let stop = false;
  let sequence = 0;
  // Twelve keep-alive clients, each a new device per report; client 0 is one device throughout,
  // so the daily rule (one report a day) must refuse all but its first, whichever instance answers.
  const clients = Array.from({ length: 12 }, async (_, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    while (!stop) {
      const device = client === 0 ? 'the-same-device-all-day' : `failover-device-${++sequence}`.padEnd(24, '0');
      outcomes.push(await post(nginx.httpsPort, agent, device, client));
    }
    agent.destroy();
  });
  const acknowledged = () => outcomes.filter((o) => o.status === 201).length;
  while (acknowledged() < 150) await new Promise((resolve) => setTimeout(resolve, 10));
  const victim = servers[0]!;
  victim.child.kill('SIGKILL');
  killedAt = Date.now();
  await victim.exited;
  const atKill = acknowledged();
  while (acknowledged() < atKill + 150) await new Promise((resolve) => setTimeout(resolve, 10));
  stop = true;
  await Promise.all(clients);

  const pool = createPgPool(db.url);
  const stored = new Set((await pool.query<{ id: string }>('SELECT id FROM reports').finally(() => pool.end())).rows.map((r) => r.id));
  const acked = outcomes.filter((o) => o.status === 201).map((o) => o.reportId!);
  for (const id of acked) assert.ok(stored.has(id), `acknowledged report ${id} is stored`);
  assert.equal(new Set(acked).size, acked.length, 'no id was given twice');

  const byDevice = outcomes.filter((o) => o.client === 0);
  assert.equal(byDevice.filter((o) => o.status === 201).length, 1, 'the daily rule held across both instances: one report for the one device');
  assert.ok(byDevice.filter((o) => o.status === 429).every((o) => o.code === 'REPORT_LIMIT_REACHED'), 'refused with the rule\'s code');

  const kinds = new Map<string, number>();
  for (const o of outcomes) {
    const kind = o.error ?? `${o.status}${o.code ? ` ${o.code}` : ''}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const actionable = o.status === 201 || o.status === 429 || o.status === 502 || o.status === 503 || o.status === 504 || o.error !== undefined;
    assert.ok(actionable, `an answer a client can act on, got ${JSON.stringify(o)}`);
  }
  const afterKill = outcomes.filter((o) => o.at >= killedAt);
  const failedAfter = afterKill.filter((o) => o.status !== 201 && o.status !== 429);
  const orphans = stored.size - acked.length;
  console.log(`failover: ${outcomes.length} posts, ${acked.length} acknowledged and stored (${atKill} before the kill), ` +
    `${failedAfter.length} refused or dropped after it, ${orphans} stored without an acknowledgement (answer lost with the instance); ` +
    `outcomes ${JSON.stringify(Object.fromEntries(kinds))}`);
  assert.ok(orphans >= 0 && orphans <= 12, 'only requests in flight at the kill can be stored unacknowledged (one per client at most)');
});
