import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../paths.js';
import { tempDir, TEST_STORE } from './helpers.js';
import { testDatabase } from './pg-cluster.js';
import { findProgram, missingProgram } from './tools.js';

test('the systemd unit passes systemd-analyze verify without a warning and has the promised settings', (t) => {
  const unitPath = join(projectRoot, 'deploy', 'systemd', 'kmzb.service');
  const unit = readFileSync(unitPath, 'utf8');
  for (const line of ['User=kmzb', 'EnvironmentFile=/etc/kmzb/kmzb.env', 'ProtectSystem=strict', 'ReadWritePaths=/opt/kmzb/var', 'Restart=on-failure', 'ExecStart=/usr/bin/node dist-server/server/server.js']) {
    assert.ok(unit.split('\n').includes(line), line);
  }
  const analyze = findProgram('systemd-analyze');
  if (!analyze) return t.skip(missingProgram('systemd-analyze', 'apt-get install systemd'));
  // It exits 0 even for unknown keys or bad values, so any output at all is a failure.
  const verify = spawnSync(analyze, ['verify', unitPath], { encoding: 'utf8' });
  assert.equal(`${verify.stdout}${verify.stderr}`.trim(), '');
  assert.equal(verify.status, 0);
});

/**
 * Runs the built files (dist-server/), so it tests the last `npm run build`; `npm test` builds first.
 * What Docker cannot do here, this does with the same file list: the runtime stage's COPY lines
 * of deploy/Containerfile are copied from the built tree into an empty folder, which is then
 * run as an unprivileged user that may write only var/ (the image's volume).
 */
test("the Containerfile's runtime files are enough to run the server as a non-root user writing only var/", async (t) => {
  const built = ['dist-server/server/server.js', 'dist/widget/kmzb-map.js'].every((file) => existsSync(join(projectRoot, file)));
  if (!built) return t.skip(missingProgram('a build (dist/, dist-server/)', 'npm run build; npm test builds first'));
  const containerfile = readFileSync(join(projectRoot, 'deploy', 'Containerfile'), 'utf8');
  const block = /# runtime-files:begin[^\n]*\n([\s\S]*?)# runtime-files:end/.exec(containerfile)![1]!;
  const copies = [...block.matchAll(/^COPY --from=build \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  assert.ok(copies.length >= 6, block);

  const root = tempDir(t, 'kmzb-image-');
  chmodSync(root, 0o755);
  for (const [from, to] of copies) {
    assert.equal(from, to);
    mkdirSync(join(root, to, '..'), { recursive: true });
    // node_modules is linked, not copied (hundreds of MB); the rest is copied as the image has it.
    if (from === 'node_modules') symlinkSync(join(projectRoot, 'node_modules'), join(root, to));
    else cpSync(join(projectRoot, from), join(root, to), { recursive: true });
  }
  for (const dir of ['server', 'server/db', 'server/store', 'server/store/postgres']) chmodSync(join(root, dir), 0o755);
  mkdirSync(join(root, 'var'));
  // The image's user is uid 1000 ("node"); here the unprivileged one is nobody, when it can
  // reach the dependencies at all (a checkout under a private home folder is not reachable).
  const asNobody = process.getuid?.() === 0 && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(root, 'node_modules', 'fastify', 'package.json'))})`], { uid: 65534, gid: 65534 }).status === 0;
  if (asNobody) chownSync(join(root, 'var'), 65534, 65534);
  else console.log('runtime files run as this user: nobody cannot read the dependencies here');
  const before = readdirSync(root).sort();
  // The suite's store: the image's default SQLite file in var/, or (KMZB_DATABASE_URL) a PostgreSQL
  // database the server migrates and seeds from the image's files.
  const database = TEST_STORE === 'postgres' ? await testDatabase({ migrated: false }) : undefined;
  const store = database ? { KMZB_DATABASE_URL: database.url } : { KMZB_DB: join(root, 'var', 'kmzb.sqlite') };

  const child = spawn(process.execPath, ['dist-server/server/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...store, KMZB_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
  t.after(() => child.kill('SIGKILL'));
  if (database) t.after(() => database.drop());
  let stderr = '';
  let logged = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  for (const [path, type] of [['/healthz', /json/], ['/api/v1/units', /json/], ['/widget/kmzb-map.js', /javascript/], ['/admin', /html/]] as const) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-type')!, type, path);
    await response.arrayBuffer();
  }
  child.kill('SIGTERM');
  assert.equal(await exited, 0, `${stderr}${logged}`);
  assert.deepEqual(readdirSync(root).sort(), before, 'nothing written outside var/');
  assert.equal(readdirSync(join(root, 'var')).includes('kmzb.sqlite'), !database);
});
