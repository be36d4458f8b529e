import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { Writable } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEVICE_HEADER } from '../../common/api.js';
import type { ReportCreated } from '../../common/schemas/report.js';
import { build, tempDir } from './helpers.js';
import { startNginx, type Nginx } from './nginx-harness.js';
import { OLSZTYN, jpegWithExif, newDevice, multipart } from './report-helpers.js';
import { addStaff, PASSWORD } from './staff-helpers.js';
import { findProgram, missingProgram } from './tools.js';

const HOST = 'kmzb.example.pl';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** The client's own address (127.0.0.x): each is a different network to the app. */
  from?: string;
}

/** One HTTPS request to nginx, on a fresh connection, trusting the test's certificate. */
function through(nginx: Nginx, ca: string, call: Call): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port: nginx.httpsPort, servername: HOST, ca, agent: false,
        method: call.method ?? 'GET', path: call.path, localAddress: call.from ?? '127.0.0.1',
        headers: { host: `${HOST}:${nginx.httpsPort}`, ...call.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

function json<T>(answer: Answer): T {
  return JSON.parse(answer.body.toString()) as T;
}

test('nginx (deploy/nginx/kmzb.conf) in front of the app', async (t) => {
  const nginxPath = findProgram('nginx');
  if (!nginxPath) return t.skip(missingProgram('nginx', 'apt-get install nginx'));
  if (!findProgram('openssl')) return t.skip(missingProgram('openssl', 'apt-get install openssl'));

  const dir = tempDir(t, 'kmzb-nginx-');
  // A stand-in widget build: one entry and one hashed chunk, as rollup names them.
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'widget'), { recursive: true });
  writeFileSync(join(dist, 'widget', 'kmzb-map.js'), 'export {};\n');
  writeFileSync(join(dist, 'widget', 'osm-layer-D8C_E83Z.js'), 'export const osm = 1;\n');
  // Which requests reached the app: its own request log.
  const reached: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as { msg?: string; req?: { method: string; url: string } };
        if (line.msg === 'request completed' && line.req) reached.push(`${line.req.method} ${line.req.url}`);
      }
      done();
    },
  });
  const app = await build(t, {
    distDir: dist,
    trustProxy: '127.0.0.1',
    reportLimits: { perNetwork: 2, writesPerMinute: 1000 },
    logger: { level: 'info', stream },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const appPort = (app.server.address() as { port: number }).port;
  const nginx = await startNginx(nginxPath, join(dir, 'nginx'), appPort);
  t.after(() => nginx.stop());
  const ca = readFileSync(join(nginx.dir, 'cert.pem'), 'utf8');
  const call = (c: Call) => through(nginx, ca, c);
  const times = (what: string) => reached.filter((r) => r === what).length;

  await t.test('TLS with HTTP/2 offered by ALPN, HSTS on answers, plain http redirected', async () => {
    const alpn = await new Promise<string | false>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: nginx.httpsPort, servername: HOST, ca, ALPNProtocols: ['h2', 'http/1.1'] }, () => {
        resolve(socket.alpnProtocol ?? false);
        socket.destroy();
      });
      socket.on('error', reject);
    });
    assert.equal(alpn, 'h2');
    // A real HTTP/2 request: the app sees the host and answers through nginx.
    const session = http2Connect(`https://${HOST}:${nginx.httpsPort}`, { ca, host: '127.0.0.1', servername: HOST } as never);
    const h2 = await new Promise<{ status: number; hsts: unknown }>((resolve, reject) => {
      const stream = session.request({ ':path': '/healthz' });
      stream.on('response', (headers) => resolve({ status: Number(headers[':status']), hsts: headers['strict-transport-security'] }));
      stream.on('error', reject);
      stream.end();
    });
    session.close();
    assert.deepEqual(h2, { status: 200, hsts: 'max-age=63072000; includeSubDomains' });
    const health = await call({ path: '/healthz' });
    assert.equal(health.status, 200);
    assert.equal(health.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
    const plain = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: nginx.httpPort, path: '/api/v1/units?x=1', headers: { host: HOST } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      }).on('error', reject).end();
    });
    assert.deepEqual(plain, { status: 301, location: `https://${HOST}/api/v1/units?x=1` });
  });

  await t.test('a report through the proxy is counted against the client network, not the proxy nor a forged X-Forwarded-For', async () => {
    const report = (from: string, headers: Record<string, string> = {}) =>
      call({
        method: 'POST', path: '/api/v1/reports', from, body: JSON.stringify({ ...OLSZTYN, category: 'illegal_parking' }),
        headers: { 'content-type': 'application/json', [DEVICE_HEADER]: newDevice(), ...headers },
      });
    // KMZB_REPORTS_PER_NETWORK is 2 here.
    assert.equal((await report('127.0.0.2')).status, 201);
    const second = await report('127.0.0.2');
    assert.equal(second.status, 201);
    const third = await report('127.0.0.2');
    assert.equal(third.status, 429);
    assert.equal(json<{ code: string }>(third).code, 'REPORT_LIMIT_REACHED');
    // Another client is another network, even when it claims to be the first one.
    assert.equal((await report('127.0.0.3', { 'x-forwarded-for': '127.0.0.2' })).status, 201);
    // nginx's request id reached the app and came back.
    assert.match(second.headers['x-request-id'] as string, /^[0-9a-f]{32}$/);
    assert.equal(second.headers['x-cache-status'], undefined, 'a POST is never cached');
  });

  await t.test('staff session cookies are Secure, and staff answers are never cached', async () => {
    await addStaff(app, 'nginx-admin', 'admin', 'kwp-olsztyn');
    const login = await call({
      method: 'POST', path: '/api/v1/staff/session', body: JSON.stringify({ login: 'nginx-admin', password: PASSWORD }),
      headers: { 'content-type': 'application/json', origin: `https://${HOST}:${nginx.httpsPort}` },
    });
    assert.equal(login.status, 200, login.body.toString());
    const setCookie = login.headers['set-cookie']!.join('\n');
    assert.match(setCookie, /kmzb_staff=[^;]+;.*\bSecure\b/i);
    assert.match(setCookie, /HttpOnly/i);
    const cookie = /kmzb_staff=[^;]+/.exec(setCookie)![0];
    for (let i = 0; i < 3; i++) {
      const me = await call({ path: '/api/v1/staff/me', headers: { cookie } });
      assert.equal(me.status, 200, me.body.toString());
      assert.equal(me.headers['x-cache-status'], undefined);
    }
    assert.equal(times('GET /api/v1/staff/me'), 3, 'every staff request reached the app');
    // Without the cookie, a cached answer of someone else's session must not come back.
    assert.equal((await call({ path: '/api/v1/staff/me' })).status, 401);
  });

  await t.test('a public map answer is served from the proxy cache, per Accept-Encoding, with its ETag', async () => {
    const path = '/api/v1/reports?unit=kpp-wejherowo&zoom=9';
    const first = await call({ path, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache-status'], 'MISS');
    assert.equal(first.headers['content-encoding'], 'gzip');
    const second = await call({ path, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(second.headers['x-cache-status'], 'HIT');
    assert.equal(second.headers.etag, first.headers.etag);
    assert.deepEqual(second.body, first.body);
    assert.equal(times(`GET ${path}`), 1, 'the second answer came from nginx alone');
    // A client without gzip does not get the gzip copy (Vary: Accept-Encoding).
    const identity = await call({ path });
    assert.equal(identity.status, 200);
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.ok(json<{ type: string }>(identity).type === 'FeatureCollection');
    // Revalidation by ETag: nginx answers 304 from its copy.
    const notModified = await call({ path, headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag as string } });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.headers['x-cache-status'], 'HIT');
  });

  await t.test('tracked reports are never cached, and their tokens stay out of the access log', async () => {
    const created = json<ReportCreated>(await call({
      method: 'POST', path: '/api/v1/reports', from: '127.0.0.4', body: JSON.stringify({ ...OLSZTYN, category: 'illegal_parking' }),
      headers: { 'content-type': 'application/json', [DEVICE_HEADER]: newDevice() },
    }));
    const path = `/api/v1/reports/${created.id}?token=${created.trackingToken}`;
    for (let i = 0; i < 2; i++) {
      const tracked = await call({ path });
      assert.equal(tracked.status, 200);
      assert.equal(tracked.headers['x-cache-status'], undefined);
    }
    // Both reached the app (its own log redacts the token too).
    assert.equal(times(`GET /api/v1/reports/${created.id}?token=[Redacted]`), 2);
    const log = readFileSync(join(nginx.dir, 'access.log'), 'utf8');
    assert.ok(log.includes(`/api/v1/reports/${created.id}?token=[redacted]`), log);
    assert.ok(!log.includes(created.trackingToken), 'no tracking token in the access log');
    assert.ok(!/127\.0\.0\.\d/.test(log), 'no client address in the access log');
  });

  await t.test('versioned widget files get a year of cache, the entry file does not', async () => {
    const chunk = await call({ path: '/widget/osm-layer-D8C_E83Z.js' });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers['cache-control'], 'max-age=31536000');
    const entry = await call({ path: '/widget/kmzb-map.js' });
    assert.equal(entry.status, 200);
    assert.doesNotMatch(String(entry.headers['cache-control']), /31536000/);
  });

  await t.test('the body limit lets the largest allowed photos through and stops larger bodies at nginx', async () => {
    const photos = [jpegWithExif(2_650_000), jpegWithExif(2_650_000)];
    const { payload, contentType } = multipart([
      { name: 'report', data: JSON.stringify({ ...OLSZTYN, category: 'illegal_parking' }) },
      ...photos.map((data, i) => ({ name: 'photo', filename: `p${i}.jpg`, type: 'image/jpeg', data })),
    ]);
    // Just over 5 MB of photos: past nginx, refused by the app with its own code.
    const overPhotoLimit = await call({
      method: 'POST', path: '/api/v1/reports', from: '127.0.0.5', body: payload,
      headers: { 'content-type': contentType, [DEVICE_HEADER]: newDevice() },
    });
    assert.equal(overPhotoLimit.headers['content-type'], 'application/json; charset=utf-8', overPhotoLimit.body.toString().slice(0, 200));
    assert.equal(json<{ code: string }>(overPhotoLimit).code, 'PHOTOS_TOO_LARGE');
    const huge = await call({
      method: 'POST', path: '/api/v1/reports', from: '127.0.0.5', body: Buffer.alloc(7 * 1024 * 1024, 0x61),
      headers: { 'content-type': 'application/json', [DEVICE_HEADER]: newDevice() },
    });
    assert.equal(huge.status, 413);
    assert.match(huge.headers['content-type'] as string, /text\/html/, 'refused by nginx before the app');
  });
});
