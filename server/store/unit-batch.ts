/**
 * The next batch of a store's unit queue (group commit), taken off the front of `queue`: at
 * most `maxBatch` units, and no more large data (photos) than `maxBatchBytes`, except that a
 * unit above the budget by itself still runs, alone. Shared by both stores' unit queues.
 */
export function takeBatch<T extends { bytes: number }>(queue: T[], maxBatch: number, maxBatchBytes: number): T[] {
  let count = 0;
  let bytes = 0;
  for (const unit of queue) {
    if (count === maxBatch || (count > 0 && bytes + unit.bytes > maxBatchBytes)) break;
    bytes += unit.bytes;
    count++;
  }
  return queue.splice(0, count);
}
