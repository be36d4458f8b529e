/**
 * Runs a bench's server in a child process (`<script> --serve <db> ...args`), so the load generator and
 * the server do not share one event loop. The child prints one JSON line when it listens.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Served<T> = T & { stop: () => Promise<void> };

export function startServer<T>(scriptUrl: string, dbPath: string, args: readonly string[] = []): Promise<Served<T>> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(scriptUrl), '--serve', dbPath, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (line: Buffer) => {
      resolve({ ...(JSON.parse(line.toString()) as T), stop: () => (child.kill('SIGTERM'), stopped) });
    });
    child.once('error', reject);
  });
}
