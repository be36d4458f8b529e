import { ErrorCode } from '../../common/errors.js';
import type { CivicAction, DailyActionsStore } from '../store/daily-actions.js';
import { ProductError } from '../../common/product-error.js';
import type { DailyKeys } from './daily-keys.js';
import { networkOf } from './network.js';

const WINDOW_MS = 24 * 60 * 60 * 1000;

/** How many civic actions (reports plus confirmations) are allowed per rolling 24 hours. */
export interface DailyLimits {
  /** Per device token; the national rule is 1. */
  perDevice: number;
  /** Per network (IPv4 address or IPv6 /64): looser, so a carrier NAT or a school is not one device. */
  perNetwork: number;
}

export const DEFAULT_DAILY_LIMITS: DailyLimits = { perDevice: 1, perNetwork: 30 };

/** 429 REPORT_LIMIT_REACHED with the time the next action is accepted. */
export class LimitReachedError extends ProductError {
  constructor(
    readonly retryAt: Date,
    message: string,
    /** Which cap refused: the device's or its network's (for the metrics; never sent). */
    readonly scope: 'device' | 'network' = 'device',
  ) {
    super(ErrorCode.reportLimitReached, message);
  }
}

/** The hashes an admitted action is recorded under (today's key). */
export interface Admission {
  device: Buffer;
  network: Buffer;
  at: Date;
}

/**
 * One civic action per device per 24 hours (DESIGN.md section 6). A report and an "I see it
 * too" both count, so a device that reported today cannot also confirm today and vice versa:
 * one rule the widget can explain in one sentence, and confirmations cannot be used to get
 * around it. Call admit() and record() with the unit of the write they guard (its `tx.dailyActions`),
 * so two instances on one store cannot both admit a device's second action.
 */
export class DailyRule {
  constructor(
    private readonly keys: DailyKeys,
    private readonly limits: DailyLimits,
  ) {}

  /** @throws LimitReachedError when the device or its network used up the window. */
  async admit(actions: DailyActionsStore, deviceToken: string, ip: string, now: Date): Promise<Admission> {
    const { device, network, refusal } = await this.evaluate(actions, deviceToken, ip, now);
    if (refusal) throw refusal;
    return { device: device[0], network: network[0], at: now };
  }

  /**
   * The refusal admit() would throw now, or undefined when the device may act: a read that
   * records nothing, for the allowance endpoint (asking must not use up the day).
   */
  async refusal(actions: DailyActionsStore, deviceToken: string, ip: string, now: Date): Promise<LimitReachedError | undefined> {
    return (await this.evaluate(actions, deviceToken, ip, now)).refusal;
  }

  private async evaluate(actions: DailyActionsStore, deviceToken: string, ip: string, now: Date) {
    const device = this.keys.recentHashes(`device:${deviceToken}`, now);
    const network = this.keys.recentHashes(`network:${networkOf(ip)}`, now);
    const after = new Date(now.getTime() - WINDOW_MS).toISOString();
    const refusal = this.refusalOf(await actions.timesSince(device, after), await actions.timesSince(network, after));
    return { device, network, refusal };
  }

  /** The refusal for the device's and the network's times in the window (oldest first), if either cap is used up. */
  private refusalOf(deviceTimes: readonly string[], networkTimes: readonly string[]): LimitReachedError | undefined {
    const deviceRetry = retryAt(deviceTimes, this.limits.perDevice);
    const networkRetry = retryAt(networkTimes, this.limits.perNetwork);
    if (!deviceRetry && !networkRetry) return undefined;
    const at = new Date(Math.max(deviceRetry?.getTime() ?? 0, networkRetry?.getTime() ?? 0));
    const who = deviceRetry
      ? 'This device already sent a report or confirmation in the last 24 hours'
      : `This network already sent ${this.limits.perNetwork} reports or confirmations in the last 24 hours`;
    return new LimitReachedError(at, `${who}; the next is possible after ${at.toISOString()}.`, deviceRetry ? 'device' : 'network');
  }

  /**
   * admit() and record() in one call to the store (one statement on PostgreSQL), for a unit
   * that records the action whenever it is admitted (the unit's later failure rolls the record
   * back with it).
   * @throws LimitReachedError when the device or its network used up the window.
   */
  async admitAndRecord(actions: DailyActionsStore, deviceToken: string, ip: string, now: Date, action: CivicAction): Promise<Admission> {
    const device = this.keys.recentHashes(`device:${deviceToken}`, now);
    const network = this.keys.recentHashes(`network:${networkOf(ip)}`, now);
    const result = await actions.admitAndRecord({
      device, network, after: new Date(now.getTime() - WINDOW_MS).toISOString(),
      perDevice: this.limits.perDevice, perNetwork: this.limits.perNetwork, action, at: now.toISOString(),
    });
    if (!result.recorded) {
      const refusal = this.refusalOf(result.device, result.network);
      if (refusal) throw refusal;
      throw new Error('The daily rule was not recorded, yet neither cap refused');
    }
    return { device: device[0], network: network[0], at: now };
  }

  /** Logs an admitted action and prunes entries that left the window. */
  async record(actions: DailyActionsStore, admission: Admission, action: CivicAction): Promise<void> {
    const at = admission.at.toISOString();
    await actions.record(admission.device, 'device', action, at);
    await actions.record(admission.network, 'network', action, at);
    await actions.pruneBefore(new Date(admission.at.getTime() - WINDOW_MS).toISOString());
  }
}

/**
 * With `times` the actions in the window (oldest first), when one more becomes possible:
 * once enough of the oldest have left the window that fewer than `limit` remain.
 */
function retryAt(times: readonly string[], limit: number): Date | undefined {
  if (times.length < limit) return undefined;
  return new Date(Date.parse(times[times.length - limit]!) + WINDOW_MS);
}
