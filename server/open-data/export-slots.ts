/**
 * Places for exports running at once. Each export holds a read connection and a WAL snapshot
 * until its client has read it all, which for a national export takes minutes on a slow link;
 * past the limit an export is refused (429) rather than queued, so a burst of them cannot pile
 * up connections, snapshots and event-loop time.
 */
export class ExportSlots {
  #running = 0;

  constructor(readonly limit: number) {}

  get running(): number {
    return this.#running;
  }

  /** A place, as the function that gives it back (safe to call more than once), or undefined when all are taken. */
  take(): (() => void) | undefined {
    if (this.#running >= this.limit) return undefined;
    this.#running++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#running--;
    };
  }
}
