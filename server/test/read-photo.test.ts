import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readPhoto } from '../photos/read-photo.js';

/** n chunks of `size` bytes, each filled with its own index, all ready at once. */
function chunks(n: number, size: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.alloc(size, i));
}

const tooLarge = () => new Error('too large');

test('a photo read in chunks is the chunks joined in order, whatever the size bound said', async () => {
  const parts = chunks(5, 1000);
  const whole = Buffer.concat(parts);
  for (const bound of [5000, 1_000_000, Infinity, 1500, 0]) {
    const bytes = await readPhoto(Readable.from(parts), 10_000, bound, tooLarge);
    assert.ok(bytes.equals(whole), `bound ${bound}`);
  }
  assert.equal((await readPhoto(Readable.from([]), 10_000, 100, tooLarge)).length, 0, 'an empty part is no bytes');
});

test('a photo past the room left under the limit is refused with the given error, exactly at the limit it is not', async () => {
  const parts = chunks(5, 1000);
  await assert.rejects(readPhoto(Readable.from(parts), 4999, Infinity, tooLarge), /too large/);
  assert.equal((await readPhoto(Readable.from(parts), 5000, Infinity, tooLarge)).length, 5000);
});

test('the event loop turns between chunks, even when all of them are ready at once', async () => {
  // Counts turns of the event loop (check phases) while the photo is read: without a pause
  // per chunk, the chunks already in the stream are all taken within one turn.
  let turns = 0;
  let reading = true;
  const count = () => {
    turns++;
    if (reading) setImmediate(count);
  };
  setImmediate(count);
  await readPhoto(Readable.from(chunks(20, 64 * 1024)), 5 * 1024 * 1024, Infinity, tooLarge);
  reading = false;
  assert.ok(turns >= 19, `${turns} turns for 20 chunks`);
});
