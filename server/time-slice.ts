import { setImmediate as nextTurn } from 'node:timers/promises';

/** The longest stretch of synchronous work a long task may do before letting others run. */
export const SLICE_MS = 15;

/**
 * Cuts a long synchronous job (a 5 MB CSV, thousands of database writes) into slices of about
 * SLICE_MS, giving the event loop back between them, so one admin's import or one export does
 * not stall every other request (and /healthz) for seconds. Check `due` every few hundred
 * items: reading the clock on every item would cost more than the items themselves.
 */
export class TimeSlice {
  #started = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  /** True when this slice has used its time. */
  get due(): boolean {
    return performance.now() - this.#started >= this.ms;
  }

  /** Lets pending I/O and timers run (setImmediate: after the poll phase), then starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.#started = performance.now();
  }

  /** Pauses only when the slice is used up. */
  async maybePause(): Promise<void> {
    if (this.due) await this.pause();
  }
}
