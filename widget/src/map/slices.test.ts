import { expect } from '@open-wc/testing';
import { mapInSlices, yieldToMain } from './slices.js';

/** Keeps the main thread busy for `ms`, as a slow item would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('mapInSlices', () => {
  it('maps every item, in order, as Array.map does', async () => {
    const items = Array.from({ length: 1000 }, (_, n) => n);
    expect(await mapInSlices(items, (n, i) => n * 2 + i)).to.deep.equal(items.map((n, i) => n * 2 + i));
  });

  it('gives the main thread back between slices: 100 ms of work makes no long task', async () => {
    // 100 items of 1 ms: one task of 100 ms if done in one go.
    const items = Array.from({ length: 100 }, (_, n) => n);
    const long: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    observer.observe({ type: 'longtask' });
    const started = performance.now();
    // Two in a row, as features then clusters: the second goes on in the first's slice, not a new one.
    await mapInSlices(items.slice(0, 50), (n) => (busy(1), n));
    await mapInSlices(items.slice(50), (n) => (busy(1), n));
    expect(performance.now() - started).to.be.at.least(100);
    await new Promise((resolve) => setTimeout(resolve, 100)); // long tasks are reported after they end
    observer.disconnect();
    // A slice ends once it has run SLICE_MS: at most SLICE_MS plus one item's time.
    expect(long, `long tasks of ${long.join(', ')} ms`).to.deep.equal([]);
  });

  it('stops once aborted and resolves undefined', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const items = Array.from({ length: 200 }, (_, n) => n);
    const result = mapInSlices(items, (n) => (busy(0.5), seen.push(n), n), abort.signal);
    await yieldToMain();
    abort.abort();
    expect(await result).to.equal(undefined);
    expect(seen.length).to.be.below(items.length);
  });
});
