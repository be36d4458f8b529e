import { Writable } from 'node:stream';
import type pg from 'pg';
import { UnitHandle } from './pg-unit-handle.js';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A unit of a batch as the pipeline runs it: its work (with its timeout) on a handle. */
export interface PipelinedUnit {
  run: (handle: UnitHandle) => Promise<unknown>;
  /** It asks for all its statements at once: the next unit may start before its answers (see Store.unit). */
  oneRoundTrip: boolean;
}

/** The socket under a node-pg client (undefined for a client built otherwise). */
export function socketOf(client: pg.PoolClient): Pick<Writable, 'cork' | 'uncork'> | undefined {
  const stream = (client as unknown as { connection?: { stream?: unknown } }).connection?.stream;
  return stream instanceof Writable ? stream : undefined;
}

/**
 * Holds what is written to `wire` until the microtasks queued now have run, then sends it as
 * one write. node-pg writes each statement on its own (a writev each): for a unit, the
 * savepoint and the daily rule's and the insert's statements were three system calls, the
 * largest share of the server's CPU for a report on the 2-core VM (bench:report-write with
 * PROFILE_DIR), and as many reads for PostgreSQL. A unit issues them at once (pipelined), in
 * microtasks after its start; a tick queued from a microtask runs once the microtask queue is
 * empty, always before the event loop waits for I/O, so nothing stays held while the unit
 * waits for its answers.
 */
function holdWrites(wire: Pick<Writable, 'cork' | 'uncork'> | undefined): void {
  if (!wire) return;
  wire.cork();
  afterIssued(() => wire.uncork());
}

/** Runs `next` once the microtasks queued now (a unit's first statements) have run. */
function afterIssued(next: () => void): void {
  queueMicrotask(() => process.nextTick(next));
}

interface Started {
  handle: UnitHandle;
  settled: Promise<Outcome>;
  opened: Promise<unknown>;
}

const ignore = (): undefined => undefined;

/**
 * The units of a batch on a pipelined connection inside its transaction, each started as soon
 * as the one before has sent its first statements, without waiting for their answers: the
 * answers of unit i and the statements of unit i + 1 cross on the wire, and PostgreSQL runs
 * the batch's units back to back instead of one per round trip (bench:report-write).
 *
 * Each unit runs in a savepoint of its own, nested in the previous unit's (`SAVEPOINT u<i>`),
 * so any unit can still be undone after later ones were sent. The outcome is what running
 * the units one after another would give:
 *
 * - Units settle in order. A unit that failed (threw, or had a server error) is rolled back to
 *   its savepoint, which takes back the units started after it too; those run again from the
 *   start, on fresh handles, after it. (A unit's work must be safe to run twice, as for a
 *   batch that is retried; their old handles refuse every further call.)
 * - A unit that asks for more after the next one was started (it awaited an answer first, so
 *   its statement would land in the next unit's savepoint) first takes back the units started
 *   after it (`ROLLBACK TO SAVEPOINT u<i+1>; RELEASE …`); they run again once it settles.
 *
 * So every statement of unit i runs after all of unit i - 1's and before any of unit i + 1's
 * that count, and a unit sees exactly what the units before it committed to the batch.
 * `check` sees each unit's first server error in order (a deadlock retries the whole batch).
 * Answers the outcomes in order; throws when a savepoint itself failed.
 */
export async function runPipelined(client: pg.PoolClient, units: readonly PipelinedUnit[], check: (failure: unknown) => void): Promise<Outcome[]> {
  const wire = socketOf(client);
  const started: (Started | undefined)[] = [];
  /** The last unit whose savepoint was sent and not taken back. */
  let tail = -1;

  /** Takes back the units started after `i`: their handles refuse from now on, and they run again later. */
  const takeBackAfter = (i: number): void => {
    for (let j = i + 1; j <= tail; j++) {
      if (started[j]) started[j]!.handle.active = false;
      started[j] = undefined;
    }
    tail = i;
  };

  const start = (i: number): void => {
    holdWrites(wire);
    const opened = client.query(`SAVEPOINT u${i}`);
    opened.catch(ignore);
    tail = i;
    const handle = new UnitHandle(client, () => {
      if (tail <= i) return;
      takeBackAfter(i);
      // Sent before the unit's statement, so that it runs in this unit's savepoint. Should it
      // fail (no such savepoint: a statement of this unit failed before it was made), so does
      // the statement after it, and the unit is rolled back when it settles.
      client.query(`ROLLBACK TO SAVEPOINT u${i + 1}; RELEASE SAVEPOINT u${i + 1}`).catch(ignore);
    });
    const settled = units[i]!.run(handle).then(
      (value): Outcome => (handle.failure === undefined ? { ok: true, value } : { ok: false, error: handle.failure }),
      (error: unknown): Outcome => ({ ok: false, error }),
    );
    started[i] = { handle, settled, opened };
    // The next unit, once this one's first statements are out, unless it was taken back
    // meanwhile. Only after a unit that asks for everything at once: after any other, the next
    // unit would be taken back at its second statement, its work done for nothing.
    if (i + 1 < units.length && units[i]!.oneRoundTrip) afterIssued(() => {
      if (tail === i && started[i]?.handle === handle) start(i + 1);
    });
  };

  const outcomes: Outcome[] = [];
  try {
    for (let i = 0; i < units.length; i++) {
      if (!started[i]) start(i);
      const unit = started[i]!;
      const outcome = await unit.settled;
      unit.handle.active = false;
      await unit.opened;
      check(unit.handle.failure);
      if (!outcome.ok) {
        // Awaited: a batch must never reach COMMIT with a failed unit's writes in it. Also after
        // a timeout: the connection runs this after any statement the unit still has in flight.
        takeBackAfter(i - 1);
        await client.query(`ROLLBACK TO SAVEPOINT u${i}; RELEASE SAVEPOINT u${i}`);
      }
      outcomes.push(outcome);
    }
    return outcomes;
  } finally {
    // Units still running (the batch failed or is retried) must not reach the connection again.
    for (const unit of started) if (unit) unit.handle.active = false;
  }
}
