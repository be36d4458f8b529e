import { Worker } from 'node:worker_threads';
import type { BuiltAnswer, MapBuilder, MapJob } from '../store/report-map.js';

interface Pending {
  resolve: (built: BuiltAnswer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

// Built, the worker is a .js file next to this one. Under tsx (dev, tests, benches) it is
// TypeScript, and on Node 20 a worker does not inherit tsx's loader: a small bootstrap
// registers it in the worker first.
// The pathname, not the URL: tsx's tsImport() (web-test-runner's test server) loads modules
// as `…/map-workers.ts?tsx-namespace=…`.
const TS = new URL(import.meta.url).pathname.endsWith('.ts');
const WORKER_URL = new URL(TS ? './map-worker.ts' : './map-worker.js', import.meta.url);

function newWorker(dbPath: string): Worker {
  if (!TS) return new Worker(WORKER_URL, { workerData: { dbPath } });
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: { dbPath } });
}

/**
 * A few worker threads that answer uncached map questions (map-worker.ts), so a query that
 * scans millions of reports never blocks the event loop: the main thread keeps serving
 * cached answers and other routes meanwhile. Workers start on first use (most test apps
 * never need one), jobs go to the least busy, and a worker that dies fails only its own
 * jobs and is replaced on the next one.
 */
export class MapWorkers implements MapBuilder {
  private readonly slots: (Slot | undefined)[];
  private nextId = 0;
  private closed = false;

  constructor(private readonly dbPath: string, size: number) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => undefined);
  }

  build(job: MapJob): Promise<BuiltAnswer> {
    if (this.closed) return Promise.reject(new Error('The map workers are closed.'));
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Referenced only while it has work: a pending answer keeps the process alive, an idle
      // worker must not keep a finished process (a test run, a CLI) alive.
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot?.worker.terminate()));
  }

  private leastBusy(): Slot {
    let best = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (!slot) return (this.slots[i] = this.start(i));
      if (slot.pending.size < this.slots[best]!.pending.size) best = i;
    }
    return this.slots[best]!;
  }

  private start(index: number): Slot {
    const worker = newWorker(this.dbPath);
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (message: { id: number; built?: BuiltAnswer; error?: string }) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) worker.unref();
      if (message.error !== undefined || !message.built) pending.reject(new Error(message.error ?? 'No answer.'));
      else pending.resolve(revived(message.built));
    });
    const fail = (error: Error): void => {
      if (this.slots[index] === slot) this.slots[index] = undefined;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`A map worker exited (${code}).`)));
    return slot;
  }
}

/** Structured clone turns a Buffer into a plain Uint8Array: wrap it again (no copy). */
function revived(built: BuiltAnswer): BuiltAnswer {
  const gzip = built.answer.gzip as Uint8Array;
  return { ...built, answer: { ...built.answer, gzip: Buffer.from(gzip.buffer, gzip.byteOffset, gzip.byteLength) } };
}
