/**
 * CPU time used by processes, read from /proc (Linux): what a write bench's figure is made of,
 * and the rate the machine's cores would allow if they were all busy. Elsewhere (no /proc) it
 * answers undefined and the bench prints nothing of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

/** Linux reports process times in USER_HZ ticks, 100 a second on every common build. */
const TICK_MS = 10;

/** utime + stime of one process, in ms, or undefined once it is gone. */
function processMs(pid: number): { comm: string; ms: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15.
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

export interface CpuSnapshot {
  /** ms of CPU per named group */
  groups: Map<string, number>;
  /** the machine's busy and total CPU time, ms (all cores) */
  busy: number;
  total: number;
}

/**
 * CPU used so far by the processes `groupOf` names (a group's name, or undefined to leave a
 * process out), with the whole machine's busy time.
 */
export function cpuSnapshot(groupOf: (pid: number, comm: string) => string | undefined): CpuSnapshot | undefined {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return undefined;
  }
  const groups = new Map<string, number>();
  for (const pid of pids) {
    const used = processMs(pid);
    const group = used && groupOf(pid, used.comm);
    if (group) groups.set(group, (groups.get(group) ?? 0) + used.ms);
  }
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { groups, busy, total };
}

/**
 * Lines saying what each group's CPU was per item (`count` items between the snapshots), how
 * busy the machine was, and the rate at which the groups' CPU per item would fill every core.
 */
export function cpuReport(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined, count: number, item: string): string[] {
  if (!before || !after || count === 0) return [];
  const cores = availableParallelism();
  let perItem = 0;
  const parts: string[] = [];
  for (const [group, ms] of after.groups) {
    const used = ms - (before.groups.get(group) ?? 0);
    perItem += used / count;
    parts.push(`${group} ${Math.round((used / count) * 1000).toLocaleString('en')} µs`);
  }
  const busy = (after.busy - before.busy) / (after.total - before.total);
  return [
    `  CPU a ${item}: ${parts.join(', ')}`,
    `  machine busy ${(busy * 100).toFixed(0)} % of ${cores} cores; at this CPU a ${item}, all ${cores} cores busy would allow ~${Math.round((cores * 1000) / perItem).toLocaleString('en')} ${item}s/s`,
  ];
}
