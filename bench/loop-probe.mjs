/**
 * Preloaded into a bench's server child (`node --import ./bench/loop-probe.mjs`): every 100 ms
 * appends "<epoch ms> <longest event-loop delay in ms since the last line>" to the file named by
 * KMZB_BENCH_LOOP_FILE, so a bench can tell the server's own stalls from a busy machine's
 * scheduling delays, which a client's latency figures include as well.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.KMZB_BENCH_LOOP_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  setInterval(() => {
    appendFileSync(file, `${Date.now()} ${(delay.max / 1e6).toFixed(1)}\n`);
    delay.reset();
  }, 100).unref();
}
