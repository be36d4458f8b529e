import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';

/** A free TCP port on 127.0.0.1 (closed again at once; nginx binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for kmzb.example.pl made with openssl; returns the two paths. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=kmzb.example.pl',
    '-addext', 'subjectAltName=DNS:kmzb.example.pl', '-keyout', key, '-out', cert,
  ], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return { cert, key };
}

export interface Nginx {
  child: ChildProcess;
  httpsPort: number;
  httpPort: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Runs deploy/nginx/kmzb.conf with the real nginx, as a foreground child on loopback ports,
 * with every file under `dir`. Only what cannot be the same in a test is changed: the app's
 * port (or ports: an upstream of several instances), the listening addresses, the certificate and the cache and log paths.
 */
export async function startNginx(nginx: string, dir: string, appPort: number | readonly number[]): Promise<Nginx> {
  // An upstream of several instances (the failover test) is the same site with more server lines.
  const upstream = [appPort].flat().map((port) => `server 127.0.0.1:${port};`).join('\n    ');
  mkdirSync(dir, { recursive: true });
  const { cert, key } = selfSignedCertificate(dir);
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const replacements: [string, string][] = [
    ['server 127.0.0.1:3000;', upstream],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`],
    ['listen [::]:443 ssl http2;', ''],
    ['listen 80;', `listen 127.0.0.1:${httpPort};`],
    ['listen [::]:80;', ''],
    ['/etc/letsencrypt/live/kmzb.example.pl/fullchain.pem', cert],
    ['/etc/letsencrypt/live/kmzb.example.pl/privkey.pem', key],
    ['/var/cache/nginx/kmzb', join(dir, 'cache')],
    ['/var/log/nginx/kmzb.access.log', join(dir, 'access.log')],
  ];
  let site = readFileSync(join(projectRoot, 'deploy', 'nginx', 'kmzb.conf'), 'utf8');
  for (const [from, to] of replacements) {
    if (!site.includes(from)) throw new Error(`deploy/nginx/kmzb.conf no longer has "${from}": update the test harness`);
    site = site.replaceAll(from, to);
  }
  writeFileSync(join(dir, 'kmzb.conf'), site);
  for (const sub of ['cache', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  const tmp = join(dir, 'tmp');
  writeFileSync(join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  include ${join(dir, 'kmzb.conf')};
}
`);
  const args = ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
  const check = spawnSync(nginx, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const child = spawn(nginx, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Up when the TLS port accepts a connection (bounded: 100 tries, 50 ms apart).
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(httpsPort, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (attempt >= 100) throw new Error('nginx did not start listening');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child, httpsPort, httpPort, dir,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}
