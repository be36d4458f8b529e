import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { test } from 'node:test';
import { ApiPath, DEVICE_HEADER } from '../../common/api.js';
import { cliDatabase } from './pg-b-helpers.js';
import { OLSZTYN } from './report-helpers.js';
import { startServer } from './server-process.js';

interface Outcome {
  requestId: string;
  status?: number;
  reportId?: string;
  error?: string;
}

/** POSTs one report on the client's keep-alive agent; a connection error is an outcome too. */
function postReport(port: number, agent: Agent, requestId: string): Promise<Outcome> {
  const body = JSON.stringify({ ...OLSZTYN, category: 'illegal_parking' });
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1', port, agent, method: 'POST', path: ApiPath.reports,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, [DEVICE_HEADER]: `device-${requestId}`.padEnd(16, 'x') },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const outcome: Outcome = { requestId, status: res.statusCode! };
          if (res.statusCode === 201) outcome.reportId = (JSON.parse(text) as { id: string }).id;
          resolve(outcome);
        });
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ requestId, error: error.code ?? error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ requestId, error: error.code ?? error.message }));
    req.end(body);
  });
}

test('SIGTERM under load: every acknowledged report is stored, every request the server read is answered, exit 0', async (t) => {
  // The suite's store: a seeded SQLite file, or a seeded PostgreSQL database.
  const database = await cliDatabase(t);
  const server = await startServer(
    { ...database.env, LOG_LEVEL: 'debug', KMZB_REPORTS_PER_NETWORK: '1000000', KMZB_WRITES_PER_MINUTE: '1000000' },
    (kill) => t.after(kill),
  );

  const outcomes: Outcome[] = [];
  let signalled = false;
  let refused = 0;
  // Sixteen keep-alive clients, each posting one report after another until the server is gone.
  const clients = Array.from({ length: 16 }, async (_, c) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let n = 0; ; n++) {
      const outcome = await postReport(server.port, agent, `shutdown-${c}-${n}`.padEnd(12, '0'));
      outcomes.push(outcome);
      if (outcome.error === 'ECONNREFUSED') refused++;
      if (outcome.error === 'ECONNREFUSED' && signalled) break;
      if (n > 2000) break; // bounded, whatever happens
    }
    agent.destroy();
  });
  while (outcomes.filter((o) => o.status === 201).length < 200) await new Promise((resolve) => setTimeout(resolve, 5));
  const answeredBefore = outcomes.length;
  signalled = true;
  server.child.kill('SIGTERM');
  const code = await server.exited;
  await Promise.all(clients);

  assert.equal(code, 0, 'the server exited by itself, not by the 10 s watchdog');
  const received = new Set(server.lines.filter((line) => line.msg === 'request received').map((line) => line.reqId as string));
  const byId = new Map(outcomes.map((o) => [o.requestId, o]));
  for (const id of received) {
    const outcome = byId.get(id);
    assert.ok(outcome && outcome.status !== undefined, `request ${id} was read by the server, so it was answered (got ${JSON.stringify(outcome)})`);
  }
  const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.reportId!);
  const stored = new Set((await database.sql.all<{ id: string }>('SELECT id FROM reports')).map((row) => row.id));
  for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged report ${id} is stored`);
  assert.equal(stored.size, acknowledged.length, 'nothing stored that was not acknowledged either');
  assert.ok(server.lines.some((line) => line.msg === 'shutting down'));

  const statuses = new Map<string, number>();
  for (const o of outcomes.slice(answeredBefore)) statuses.set(o.error ?? String(o.status), (statuses.get(o.error ?? String(o.status)) ?? 0) + 1);
  console.log(`SIGTERM after ${answeredBefore} answers; afterwards: ${JSON.stringify(Object.fromEntries(statuses))}; ${acknowledged.length} acknowledged, all stored; ${received.size} read by the server, all answered`);
});

test('a keep-alive request still being read at SIGTERM is answered, and its idle connection does not keep the server up', async (t) => {
  const database = await cliDatabase(t);
  const server = await startServer({ ...database.env, LOG_LEVEL: 'debug' }, (kill) => t.after(kill));
  const logged = (msg: string, reqId?: string) => server.lines.some((line) => line.msg === msg && (reqId === undefined || line.reqId === reqId));
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.ok(condition());
  };

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.after(() => agent.destroy());
  const body = JSON.stringify({ ...OLSZTYN, category: 'illegal_parking' });
  const answer = new Promise<{ status: number; id: string; connection: string | undefined }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port: server.port, agent, method: 'POST', path: ApiPath.reports,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'slow-request-1', [DEVICE_HEADER]: 'slow-device-0000001' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, id: (JSON.parse(text) as { id: string }).id, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    // Half the body now; the rest once the server is shutting down.
    req.write(body.slice(0, 20));
    void until(() => logged('shutting down')).then(() => req.end(body.slice(20)));
  });
  await until(() => logged('request received', 'slow-request-1'));
  server.child.kill('SIGTERM');

  const { status, id, connection } = await answer;
  assert.equal(status, 201);
  assert.equal(connection, 'keep-alive', 'the client keeps the connection open after the answer');
  assert.equal(await server.exited, 0, 'exited by itself, well before the 10 s limit');
  assert.ok(logged('stopped: requests in flight answered, writes committed, database closed'));
  assert.ok(await database.sql.get('SELECT 1 FROM reports WHERE id = ?', id));
});
