import { Readable } from 'node:stream';
import type { ExportCursor } from '../store/public-reports.js';
import type { ExportFormat, ExportNames } from './export-format.js';

/** Bytes gathered before a chunk is handed to the stream: few large writes, bounded memory. */
const CHUNK_BYTES = 64 * 1024;

/** Rows asked of the cursor at a time: about a chunk's worth (a CSV row is ~130 bytes). */
const BATCH_ROWS = 500;

/**
 * An export as a byte stream that reads rows only when the consumer asks for more: Node calls
 * read() again only after the socket drained what was pushed (backpressure), so at most about
 * a chunk plus the stream's high-water mark is held, whatever the size of the export. The
 * cursor is closed at the end, on error, and when the client goes away (destroy).
 *
 * Each chunk is built in its own event-loop turn (setImmediate), never in the read() call:
 * a fast client's socket keeps accepting, and Node's flowing mode then calls read() again and
 * again within one turn, so 16 national exports once kept /healthz waiting 2.5 s. One chunk
 * is a few milliseconds of work; between two chunks every other request gets its turn.
 */
export function exportStream(cursor: ExportCursor, format: ExportFormat, names: ExportNames): Readable {
  let started = false;
  let rows = 0;
  let scheduled = false;
  const stream = new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void fill());
    },
    destroy(error, callback) {
      cursor.close().then(() => callback(error), (closing: Error) => callback(error ?? closing));
    },
  });
  async function fill(): Promise<void> {
    if (stream.destroyed) return;
    try {
      let chunk = started ? '' : format.head;
      started = true;
      while (chunk.length < CHUNK_BYTES) {
        const batch = await cursor.next(BATCH_ROWS);
        if (stream.destroyed) return;
        for (const row of batch) {
          if (rows > 0) chunk += format.separator;
          chunk += format.row(row, names);
          rows++;
        }
        if (batch.length < BATCH_ROWS) {
          await cursor.close();
          stream.push(chunk + format.tail);
          stream.push(null);
          return;
        }
      }
      scheduled = false;
      stream.push(chunk);
    } catch (error) {
      stream.destroy(error as Error);
    }
  }
  return stream;
}
