/**
 * The order of the reports on the queue page last shown, so the report page's "next report"
 * (j/k) walks the same list the officer was working through. Kept for the page's life only.
 */
let shown: readonly string[] = [];
let hash = '#queue';

export function rememberQueueOrder(ids: readonly string[], queueHash: string): void {
  shown = [...ids];
  hash = queueHash;
}

/** The queue as last shown, filter and page included (the way back from a report). */
export function lastQueueHash(): string {
  return hash;
}

/** The report `step` places after (1) or before (-1) `id` in the last queue page, if any. */
export function besideInQueue(id: string, step: 1 | -1): string | undefined {
  const at = shown.indexOf(id);
  return at < 0 ? undefined : shown[at + step];
}
