import type Redis from 'ioredis';
import type { BudgetWindow, CountersPort, RateLimitResult, ReserveResult } from '../ports';
import {
  requireInteger,
  requireKey,
  requireResizeArgs,
  requireSlidingWindowArgs,
  requireWindows,
} from '../validation';
import { ADJUST, RESERVE, RESIZE_GRANT, SLIDING_WINDOW } from './counter-scripts';

/** CountersPort on Redis: every multi-step update is one Lua script, hence atomic across replicas. */
export class RedisCounters implements CountersPort {
  constructor(private readonly client: Redis) {}

  async reserve(windows: BudgetWindow[], amount: number): Promise<ReserveResult> {
    requireWindows(windows, 'counters.reserve: windows');
    requireInteger(amount, 'counters.reserve: amount', 0);
    const [outcome, which, spent] = (await RESERVE.run(
      this.client,
      windows.map((w) => w.key),
      [
        amount,
        ...windows.map((w) => w.limit),
        ...windows.map((w) => w.ttlMs),
        ...windows.map((w) => (w.mustExist ? 1 : 0)),
      ],
    )) as [number, number | number[], number[]];
    if (outcome === 1) return { ok: true, spent };
    if (outcome === 2)
      return { ok: false, missingKeys: (which as number[]).map((i) => windows[i - 1].key), spent };
    return { ok: false, exceededKey: windows[(which as number) - 1].key, spent };
  }

  async adjust(windows: BudgetWindow[], delta: number): Promise<number[]> {
    requireWindows(windows, 'counters.adjust: windows');
    requireInteger(delta, 'counters.adjust: delta');
    return (await ADJUST.run(
      this.client,
      windows.map((w) => w.key),
      [delta, ...windows.map((w) => w.ttlMs)],
    )) as number[];
  }

  async read(keys: string[]): Promise<number[]> {
    if (!Array.isArray(keys)) throw new TypeError('counters.read: keys must be an array of strings');
    keys.forEach((key, i) => requireKey(key, `counters.read: keys[${i}]`));
    if (keys.length === 0) return [];
    const values = await this.client.mget(...keys);
    return values.map((value) => (value === null ? 0 : Number(value)));
  }

  async seed(key: string, value: number, ttlMs: number): Promise<void> {
    requireKey(key, 'counters.seed: key');
    requireInteger(value, 'counters.seed: value');
    requireInteger(ttlMs, 'counters.seed: ttlMs', 1);
    await this.client.set(key, value, 'PX', ttlMs, 'NX');
  }

  async slidingWindow(key: string, windowMs: number, limit: number, cost: number): Promise<RateLimitResult> {
    requireKey(key, 'slidingWindow: key');
    requireSlidingWindowArgs(windowMs, limit, cost);
    const [allowed, used, retryAfterMs, grant] = (await SLIDING_WINDOW.run(
      this.client,
      [key, `${key}:meta`],
      [windowMs, limit, cost],
    )) as [number, number, number, string?];
    return allowed === 1
      ? { allowed: true, used, retryAfterMs, grant }
      : { allowed: false, used, retryAfterMs };
  }

  async resizeGrant(key: string, grant: string, cost: number): Promise<void> {
    requireResizeArgs(key, grant, cost);
    await RESIZE_GRANT.run(this.client, [key, `${key}:meta`], [grant, cost]);
  }
}
