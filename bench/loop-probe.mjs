/**
 * Preloaded into a bench's server child (`node --import ./bench/loop-probe.mjs`). A 1 ms timer
 * measures each gap between two of its turns: a long gap is the event loop stalled. Every
 * 100 ms it appends "<epoch ms> <longest gap ms> <process CPU ms during that gap> <most CPU ms
 * used during any one gap>" to the file named by KMZB_BENCH_LOOP_FILE. The CPU figure tells the server's own work from a busy
 * machine's scheduling: a 200 ms gap with 20 ms of CPU is mostly time the process was not
 * given a core (it counts every thread of the process, so libuv's pool work shows too).
 */
import { appendFileSync } from 'node:fs';

const file = process.env.KMZB_BENCH_LOOP_FILE;
if (file) {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let worst = { gap: 0, cpu: 0 };
  let busiest = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const gap = now - last;
    const used = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000;
    if (gap > worst.gap) worst = { gap, cpu: used };
    busiest = Math.max(busiest, used);
    last = now;
    lastCpu = cpu;
    setTimeout(tick, 1).unref();
  };
  setTimeout(tick, 1).unref();
  setInterval(() => {
    appendFileSync(file, `${Date.now()} ${worst.gap.toFixed(1)} ${worst.cpu.toFixed(1)} ${busiest.toFixed(1)}\n`);
    worst = { gap: 0, cpu: 0 };
    busiest = 0;
  }, 100).unref();
}
