import type { IncomingMessage } from 'node:http';

/**
 * Most a refused upload may still send after its answer: a little more than the largest
 * body the report route accepts (5 MB of photos and 64 KiB of fields), so an honest client
 * that sent one photo too many keeps its connection. Past it the socket is closed.
 */
export const DISCARD_LIMIT = 8 * 1024 * 1024;

/**
 * Reads and drops what is left of a request body nobody will read. A multipart body is
 * piped into its parser; when a handler stops early (a refused part), the parser stops
 * pulling, Node no longer drains the request by itself (it was consumed by a pipe), and
 * the next request on a kept-alive connection would wait forever behind the unread bytes.
 */
export function discardUnreadBody(request: IncomingMessage, limit = DISCARD_LIMIT): void {
  if (request.readableEnded || request.destroyed) return;
  request.unpipe();
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) request.socket.destroy();
  });
  request.resume();
}
