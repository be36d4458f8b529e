import { availableParallelism } from 'node:os';

/**
 * Photos decoded at once. sharp works on libuv's thread pool (4 threads by default), which
 * file I/O and the staff password hashing share, and each decode keeps a core busy: one
 * core is left to the event loop (one photo at a time on 2 cores, at most two on more).
 * This also bounds the memory of decoded pixels (up to 150 MB per photo).
 */
const SLOTS = Math.max(1, Math.min(2, availableParallelism() - 1));

let busy = 0;
const waiting: (() => void)[] = [];

/** Runs a photo task when a slot is free; tasks wait in arrival order. */
export async function withPhotoSlot<T>(task: () => Promise<T>): Promise<T> {
  if (busy >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await task();
  } finally {
    // Hand the slot straight to the next task, so busy never drops and rises in between.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}
