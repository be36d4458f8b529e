/**
 * The long tasks of a Chromium trace with what they spent their time on, for bench:page's
 * TRACE=1: a blocking-time figure says how much, this says what to work on next.
 *
 * Each task (a `RunTask` over 50 ms on a renderer's main thread) is attributed twice:
 * - by trace event: the self time of the timeline events nested in it (script evaluation,
 *   function calls, style, layout, paint, GC …), the largest named as the cause, with the script
 *   or function the outermost script event names;
 * - by JavaScript function: the V8 sampling profiler's samples inside the task, self time per
 *   function (name and file:line), all of them, largest first; and the script functions on the stack
 *   (inclusive time: a function with what it called), all of them, largest first. `where` names a minified
 *   function by its source (bench/page.mjs reads the build's source maps).
 */

/** Trace categories that carry the above (the profiler's samples included). */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

const LONG = 50_000; // µs

/** Short file name of a script URL: the bench serves everything from one origin. */
const file = (url) => (url ? url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/widget\//, '') : '');

/** What one trace event stands for, with the script or function it names. */
function label(event) {
  const data = event.args?.data ?? event.args?.beginData ?? {};
  const where = data.url ? ` ${file(data.url)}${data.lineNumber ? `:${data.lineNumber}` : ''}` : '';
  const fn = data.functionName ? ` ${data.functionName}` : '';
  return `${event.name}${fn}${where}`;
}

/**
 * @param {{ traceEvents?: object[] } | object[]} trace the parsed trace (puppeteer's page.tracing.stop())
 * @param {string} path the page's path: its renderer's tasks only
 * @param {(url: string, line: number, column: number) => string | undefined} [where] a script position's source name
 * @returns {{ start: number, duration: number, cause: string, events: [string, number][], functions: [string, number][], stacks: [string, number][], forced: [string, number][] }[]}
 *   tasks in ms from the first navigation event; events and functions as [name, self ms]
 */
export function longTasks(trace, path, where = () => undefined) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  // The page's renderer: the one that parsed it (a headless browser runs its own chrome:// pages too).
  const parsed = events.find((e) => e.name === 'ParseHTML' && new URL(e.args?.beginData?.url ?? 'x:', 'x:/').pathname === path);
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!parsed || e.pid === parsed.pid)).map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => mains.has(`${e.pid}:${e.tid}`);
  const navigation = events.find((e) => e.name === 'navigationStart' && onMain(e))?.ts ?? events.find((e) => onMain(e) && e.ts > 0)?.ts ?? 0;
  const complete = events.filter((e) => e.ph === 'X' && onMain(e) && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const samples = profileSamples(events, where);
  // Tasks before the page's navigation are the tracing's own start (the profiler's, mostly).
  const tasks = complete.filter((e) => e.name === 'RunTask' && e.dur > LONG && e.ts >= navigation);
  return tasks.map((task) => {
    const end = task.ts + task.dur;
    const inside = complete.filter((e) => e !== task && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + e.dur <= end);
    const self = selfTimes(inside);
    const byName = total(self.map(([event, time]) => [event.name, time]));
    const outer = inside.find((e) => /^(EvaluateScript|FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|ParseHTML)$/.test(e.name));
    const inTask = samples.filter((s) => s.pid === task.pid && s.ts >= task.ts && s.ts < end);
    const functions = total(inTask.map((s) => [s.frame, s.interval]));
    const stacks = total(inTask.flatMap((s) => s.stack.map((frame) => [frame, s.interval])));
    const [top] = byName;
    // Style and layout forced by script (their events carry the stack that asked): who forced them.
    const forced = total(
      inside
        .filter((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && e.args?.beginData?.stackTrace?.length)
        .map((e) => {
          const [frame] = e.args.beginData.stackTrace;
          return [`${e.name} by ${where(frame.url, frame.lineNumber + 1, frame.columnNumber) ?? `${frame.functionName} ${file(frame.url)}`}`, e.dur / 1000];
        }),
    );
    return {
      forced,
      start: (task.ts - navigation) / 1000,
      duration: task.dur / 1000,
      cause: `${top ? `${top[0]} ${top[1].toFixed(0)} ms` : '?'}${outer ? ` (in ${label(outer)})` : ''}`,
      events: byName.slice(0, 4),
      functions,
      stacks,
    };
  });
}

/** Each event's own time: its duration less that of the events directly nested in it (µs → ms). */
function selfTimes(sorted) {
  const result = [];
  const stack = [];
  const close = (upTo) => {
    while (stack.length && stack.at(-1).end <= upTo) {
      const done = stack.pop();
      result.push([done.event, (done.event.dur - done.children) / 1000]);
    }
  };
  for (const event of sorted) {
    close(event.ts);
    if (stack.length) stack.at(-1).children += event.dur;
    stack.push({ event, end: event.ts + event.dur, children: 0 });
  }
  close(Infinity);
  return result;
}

/** Sums [key, ms] pairs by key, largest first. */
function total(pairs) {
  const sums = new Map();
  for (const [key, time] of pairs) sums.set(key, (sums.get(key) ?? 0) + time);
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/**
 * The sampling profiler's samples as { pid, ts (µs), frame, interval (ms), stack }: `frame` the
 * function running, `stack` the distinct script functions on the stack (with a URL).
 */
function profileSamples(events, where) {
  const profiles = new Map(); // pid:id → { ts, nodes }
  const samples = [];
  for (const event of events) {
    if (event.name === 'Profile') profiles.set(`${event.pid}:${event.id}`, { ts: event.args.data.startTime, nodes: new Map() });
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(`${event.pid}:${event.id}`);
    const data = event.args?.data;
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      const source = url ? where(url, lineNumber + 1, columnNumber) : undefined;
      const name = source ?? `${functionName || '(anonymous)'}${url ? ` ${file(url)}:${lineNumber + 1}` : ''}`;
      profile.nodes.set(node.id, { name, parent: node.parent, script: !!url });
    }
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((id, n) => {
      profile.ts += deltas[n] ?? 0;
      const stack = new Set();
      for (let node = profile.nodes.get(id); node; node = profile.nodes.get(node.parent)) if (node.script) stack.add(node.name);
      samples.push({ pid: event.pid, ts: profile.ts, frame: profile.nodes.get(id)?.name ?? '?', interval: (deltas[n + 1] ?? deltas[n] ?? 0) / 1000, stack: [...stack] });
    });
  }
  return samples.filter((s) => s.frame !== '(idle)');
}
