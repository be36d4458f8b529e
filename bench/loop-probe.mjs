/**
 * Preloaded into a bench's server child (`node --import ./bench/loop-probe.mjs`). A 1 ms timer
 * measures each gap between two of its turns: a long gap is the event loop stalled. Every
 * 100 ms it appends "<epoch ms> <longest gap ms> <process CPU ms during that gap> <most CPU ms
 * used during any one gap> <event-loop thread's CPU ms during the longest gap> <most CPU ms of
 * the event-loop thread in any one gap>" to the file named by KMZB_BENCH_LOOP_FILE.
 * The CPU figures tell the server's own work from a busy machine's scheduling: a 200 ms gap
 * with 20 ms of CPU is mostly time the process was not given a core. The process figure counts
 * every thread (libuv's pool, so photo decoding, shows too); the event-loop thread's figure
 * (Linux: its schedstat, nanoseconds on a core) is what held the loop: JavaScript, GC pauses,
 * synchronous SQLite. It is -1 where /proc has no schedstat.
 */
import { appendFileSync, readFileSync } from 'node:fs';

const file = process.env.KMZB_BENCH_LOOP_FILE;
if (file) {
  // The main thread's id is the process id.
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  const loopCpu = () => {
    try {
      return Number(readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6;
    } catch {
      return NaN;
    }
  };
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastLoop = loopCpu();
  let worst = { gap: 0, cpu: 0, loop: 0 };
  let busiest = 0;
  let busiestLoop = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const loop = loopCpu();
    const gap = now - last;
    const used = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000;
    const usedByLoop = loop - lastLoop;
    if (gap > worst.gap) worst = { gap, cpu: used, loop: usedByLoop };
    busiest = Math.max(busiest, used);
    busiestLoop = Math.max(busiestLoop, usedByLoop);
    last = now;
    lastCpu = cpu;
    lastLoop = loop;
    setTimeout(tick, 1).unref();
  };
  setTimeout(tick, 1).unref();
  setInterval(() => {
    const loop = (ms) => (Number.isNaN(ms) ? '-1' : ms.toFixed(1));
    appendFileSync(file, `${Date.now()} ${worst.gap.toFixed(1)} ${worst.cpu.toFixed(1)} ${busiest.toFixed(1)} ${loop(worst.loop)} ${loop(busiestLoop)}\n`);
    worst = { gap: 0, cpu: 0, loop: 0 };
    busiest = 0;
    busiestLoop = 0;
  }, 100).unref();
}
