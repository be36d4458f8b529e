import { Readable } from 'node:stream';
import type { ExportCursor } from '../db/public-reports-repository.js';
import type { ExportFormat, ExportNames } from './export-format.js';

/** Bytes gathered before a chunk is handed to the stream: few large writes, bounded memory. */
const CHUNK_BYTES = 64 * 1024;

/**
 * An export as a byte stream that reads rows only when the consumer asks for more: Node calls
 * read() again only after the socket drained what was pushed (backpressure), so at most about
 * a chunk plus the stream's high-water mark is held, whatever the size of the export. The
 * cursor is closed at the end, on error, and when the client goes away (destroy).
 */
export function exportStream(cursor: ExportCursor, format: ExportFormat, names: ExportNames): Readable {
  let started = false;
  let rows = 0;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      try {
        let chunk = started ? '' : format.head;
        started = true;
        while (chunk.length < CHUNK_BYTES) {
          const next = cursor.rows.next();
          if (next.done) {
            cursor.close();
            this.push(chunk + format.tail);
            this.push(null);
            return;
          }
          if (rows > 0) chunk += format.separator;
          chunk += format.row(next.value, names);
          rows++;
        }
        this.push(chunk);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    destroy(error, callback) {
      cursor.close();
      callback(error);
    },
  });
}
