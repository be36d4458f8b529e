import type { StorageFailure } from './storage-errors.js';

/** How long one failed write keeps /healthz degraded when no write follows to show recovery. */
export const DEGRADED_HOLD_MS = 60_000;

export interface Degraded {
  /** The last failure's code, e.g. SQLITE_FULL. */
  code: string;
  /** When writes started failing (ISO 8601). */
  since: string;
}

/**
 * Whether writes are failing, as the requests see it. A read-only probe cannot tell (a full
 * disk still answers SELECT 1), and a probing write would need to grow the file to notice a
 * page limit, so /healthz reports what the last writes met: degraded from a storage failure
 * until a write succeeds again, or, when nobody writes, for DEGRADED_HOLD_MS after the last
 * failure (the next failing write makes it degraded again).
 */
export class StorageHealth {
  private degradedSince: number | undefined;
  private lastFailure: { code: string; at: number } | undefined;

  failed(failure: StorageFailure, now = Date.now()): void {
    this.degradedSince ??= now;
    this.lastFailure = { code: failure.code, at: now };
  }

  /** A write went through: storage works again. */
  succeeded(): void {
    this.degradedSince = undefined;
    this.lastFailure = undefined;
  }

  /** Undefined while healthy. */
  degraded(now = Date.now()): Degraded | undefined {
    if (this.lastFailure === undefined || this.degradedSince === undefined) return undefined;
    if (now - this.lastFailure.at > DEGRADED_HOLD_MS) {
      this.succeeded();
      return undefined;
    }
    return { code: this.lastFailure.code, since: new Date(this.degradedSince).toISOString() };
  }
}
