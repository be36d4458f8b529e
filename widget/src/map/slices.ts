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
 * When the current slice began: after the last yield of any mapInSlices. Shared, so work that
 * chains several of them (features, then clusters) in one task keeps to one slice's budget
 * instead of one each; a budget already spent (or older than this task) yields first.
 */
let sliceStart = Number.NEGATIVE_INFINITY;

/**
 * `items.map(work)` in slices of at most SLICE_MS, yielding between them. Resolves undefined
 * once `signal` is aborted (a newer answer came): the rest is not worked on.
 */
export async function mapInSlices<T, R>(items: readonly T[], work: (item: T, index: number) => R, signal?: AbortSignal): Promise<R[] | undefined> {
  const results: R[] = new Array<R>(items.length);
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

/**
 * Resolves at the next animation frame, before it paints (work done there is drawn in that
 * frame). A hidden page runs no animation frames: there it resolves after a task instead.
 */
export function nextFrame(): Promise<void> {
  if (document.visibilityState !== 'visible') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Resolves in a task after the next frame has painted: work started there is not part of that
 * frame, so what was rendered before shows first. (A frame's animation callbacks run before its
 * paint; a task they post runs after it.)
 */
export async function afterNextPaint(): Promise<void> {
  await nextFrame();
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
