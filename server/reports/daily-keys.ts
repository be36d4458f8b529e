import { createHmac } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keyed hashes for the daily rule. The key of a UTC day is HMAC-SHA256(secret, date), so a
 * stored hash can only be linked to an IP or device token by someone who holds the secret,
 * and only within its day: rows from different days use unrelated keys. A rolling 24-hour
 * window spans two UTC days, so lookups hash with today's and yesterday's key.
 */
export class DailyKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly secret: Buffer) {
    if (secret.length < 16) throw new Error('The daily-rule secret must have at least 16 bytes');
  }

  /** Hash of `value` under the key of the UTC day `daysAgo` days before `now`. */
  hash(value: string, now: Date, daysAgo = 0): Buffer {
    return createHmac('sha256', this.keyOf(new Date(now.getTime() - daysAgo * DAY_MS))).update(value, 'utf8').digest();
  }

  /** Hashes of `value` under today's key, then yesterday's (for lookups across midnight). */
  recentHashes(value: string, now: Date): [Buffer, Buffer] {
    return [this.hash(value, now, 0), this.hash(value, now, 1)];
  }

  private keyOf(day: Date): Buffer {
    const date = day.toISOString().slice(0, 10);
    let key = this.cache.get(date);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`kmzb-daily-rule:${date}`).digest();
      // Only today's and yesterday's keys are ever needed; drop older ones.
      if (this.cache.size >= 4) this.cache.clear();
      this.cache.set(date, key);
    }
    return key;
  }
}
