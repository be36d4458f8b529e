import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The encodings this module produces (identity is the caller's plain body). */
export type Compression = 'br' | 'gzip';

/**
 * Compresses a body on libuv's thread pool, so the event loop keeps serving while a 500 KB
 * Open311 answer is squeezed. gzip at its default level 6; brotli at quality 5, not 11: 11
 * costs about a second of CPU for 500 KB, 5 a few milliseconds, and still beats gzip.
 */
export function compress(body: Buffer, encoding: Compression): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body);
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * The compressed bodies of recent answers by ETag and encoding, least recently used dropped
 * first past a byte budget. A strong ETag is a hash of the plain body, so an entry can never be
 * stale: the same tag means the same bytes. Popular answers (a county's units, requests.json)
 * are then compressed once, not on every request.
 */
export class CompressedBodies {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  get(etag: string, encoding: Compression): Buffer | undefined {
    const key = `${encoding} ${etag}`;
    const body = this.entries.get(key);
    if (body) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, body);
    }
    return body;
  }

  set(etag: string, encoding: Compression, body: Buffer): void {
    if (body.length > this.maxBytes) return;
    const key = `${encoding} ${etag}`;
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
