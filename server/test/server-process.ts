import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../paths.js';

/** A real server process (server/server.ts under tsx) and the JSON lines it logged. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Every log line so far, parsed. */
  lines: Record<string, unknown>[];
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts `server/server.ts` with the given environment (on 127.0.0.1, a free port, no demo
 * reports unless told) and resolves once it listens. The caller stops it (SIGTERM) and awaits
 * `exited`; a process still running when the test ends is killed.
 */
export function startServer(env: Record<string, string>, onExit?: (kill: () => void) => void): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: projectRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', KMZB_DEMO: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onExit?.(() => child.kill('SIGKILL'));
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const text of complete) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        const listening = /^Server listening at http:\/\/127\.0\.0\.1:(\d+)$/.exec(String(line.msg));
        if (listening) resolve({ child, port: Number(listening[1]), lines, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
}
