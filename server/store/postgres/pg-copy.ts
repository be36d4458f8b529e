import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import type pg from 'pg';

/**
 * What node-pg's connection offers a query object for COPY FROM STDIN (the messages of the
 * protocol's copy-in mode). Not in @types/pg; the same calls pg-copy-streams makes.
 */
interface CopyConnection {
  readonly stream: Duplex;
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * `COPY ... FROM STDIN` on a node-pg client, the data taken chunk by chunk from `chunks` (any
 * split: PostgreSQL reads the stream, not the chunks), as PostgreSQL's fastest way in: no
 * statement per row, rows written in batches. The next chunk is produced while the server
 * works on the previous ones; the socket's backpressure keeps memory bounded.
 *
 * A query object of node-pg's Submittable kind (as pg-cursor and pg-copy-streams are, without
 * adding a dependency for one statement): `client.query` calls `submit`, then node-pg hands it
 * the server's messages. If `chunks` throws, the COPY is failed on the server (CopyFail) and the
 * promise rejects with that error; a server error (a constraint, a bad value) rejects with the
 * server's. Either way the transaction is then aborted, as after any failed statement.
 *
 * @returns the number of rows the server reports it copied.
 */
export function copyFromStdin(client: pg.ClientBase, sql: string, chunks: Iterable<Buffer>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    client.query(new CopyFromStdin(sql, chunks[Symbol.iterator](), resolve, reject));
  });
}

class CopyFromStdin implements pg.Submittable {
  private failure: { error: unknown } | undefined;
  private settled = false;
  private rows = 0;
  /** Resolves when the query failed: a pump waiting for the socket to drain stops waiting. */
  private stopped: Promise<void>;
  private stop!: () => void;
  /** The pump's run: the query settles after it, so a source is closed when the promise settles. */
  private pumped: Promise<void> = Promise.resolve();

  constructor(
    private readonly text: string,
    private readonly chunks: Iterator<Buffer>,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.stopped = new Promise((done) => (this.stop = done));
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: pg.Connection): void {
    this.pumped = this.pump(connection as unknown as CopyConnection);
  }

  private async pump(connection: CopyConnection): Promise<void> {
    try {
      for (let next = this.chunks.next(); !next.done; next = this.chunks.next()) {
        if (this.failure) return;
        connection.sendCopyFromChunk(next.value);
        // Waits for the socket when it is full. When the kernel took the chunk at once (a fast
        // server, a large loopback buffer), it still yields to the event loop: otherwise a
        // source could be sent whole before the server's error, already received, is read.
        if (connection.stream.writableNeedDrain) await Promise.race([once(connection.stream, 'drain'), this.stopped]);
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (!this.failure) connection.endCopyFrom();
    } catch (error) {
      // The source failed: the server is told, answers with an error and ends the statement.
      this.failure ??= { error };
      connection.sendCopyFail(error instanceof Error ? error.message : String(error));
    } finally {
      // A source left half-read (the server failed first) is closed: it may hold a read open.
      this.chunks.return?.();
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0);
  }

  /**
   * A server error (ReadyForQuery follows), or the connection lost (nothing follows): settled
   * at once either way. The first failure wins: after our CopyFail the server's error only echoes it.
   */
  handleError(error: unknown): void {
    this.failure ??= { error };
    this.stop();
    this.settle();
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    // pump() never rejects: it ends at once after a failure, or has ended before the success.
    void this.pumped.then(() => {
      if (this.failure) this.reject(this.failure.error);
      else this.resolve(this.rows);
    });
  }

  // Messages a COPY FROM STDIN never gets; node-pg calls them on whatever query is active.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}
