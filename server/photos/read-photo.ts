import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Reads one uploaded photo (a multipart file stream) into one buffer, a chunk per turn of the
 * event loop. Measured under 30 parallel 4.8 MB uploads (`npm run bench:healthz`, CPU profile
 * of the server), two ways of reading stalled the loop:
 * - joining the chunks at the end (Buffer.concat) copies the whole photo at once into fresh
 *   memory, about 3 ms per 5 MB here; uploads sent together end together, so up to 30 such
 *   copies ran in one turn (70-100 ms). Each chunk is copied when it comes instead;
 * - a consumer that takes every chunk at once lets libuv read each socket dry in one turn (up
 *   to 37 MB in one turn, measured). Waiting a turn after each chunk lets the streams fill,
 *   push back and stop reading the socket, so a turn handles about one chunk per upload.
 *
 * `room`: bytes left under the photo limit; past it, `tooLarge()` is thrown and the rest of
 * the stream is left unread. `bound`: an upper bound on the photo's size (the request's
 * Content-Length; Infinity when the body comes chunked), to reserve the buffer once.
 */
export async function readPhoto(file: AsyncIterable<Uint8Array>, room: number, bound: number, tooLarge: () => Error): Promise<Buffer> {
  const photo = new PhotoBuffer(Math.min(room, bound));
  for await (const chunk of file) {
    if (photo.size + chunk.length > room) throw tooLarge();
    photo.append(chunk);
    await nextTurn();
  }
  return photo.bytes();
}

/** A buffer reserved once and filled chunk by chunk. */
class PhotoBuffer {
  private buffer: Buffer;
  private length = 0;

  /** Untouched memory of a large allocUnsafe is not resident: reserving the bound costs address space, not RAM. */
  constructor(expected: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(0, expected));
  }

  get size(): number {
    return this.length;
  }

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buffer.length) this.grow(this.length + chunk.length);
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** The bytes received: a view, not a copy. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Only when the bound was wrong: doubles, copying once. */
  private grow(needed: number): void {
    const larger = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}
