/**
 * Work in slices: a long loop (5,000 report features, their markers) split so that the main
 * thread is given back between slices. One task over 50 ms blocks input and counts as blocking
 * time; the same work as a run of short tasks lets a tap or a frame in between.
 */

/** The longest slice: a quarter of a long task, so a slice stays short on a slow phone too. */
export const SLICE_MS = 12;

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Gives the main thread back for a moment. `scheduler.yield()` where there is one (Chromium:
 * the continuation keeps its place ahead of other tasks); else a MessageChannel message (a task
 * with no timer clamp: nested setTimeouts wait 4 ms each); setTimeout only without either.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * `items.map(work)` in slices of at most SLICE_MS, yielding between them. Resolves undefined
 * once `signal` is aborted (a newer answer came): the rest is not worked on.
 */
export async function mapInSlices<T, R>(items: readonly T[], work: (item: T, index: number) => R, signal?: AbortSignal): Promise<R[] | undefined> {
  const results: R[] = new Array<R>(items.length);
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToMain();
      if (signal?.aborted) return undefined;
      sliceStart = performance.now();
    }
    results[i] = work(items[i]!, i);
  }
  return signal?.aborted ? undefined : results;
}
