import type { BudgetWindow, CountersPort, RateLimitResult, ReserveResult } from '../ports';
import {
  requireInteger,
  requireKey,
  requireResizeArgs,
  requireSlidingWindowArgs,
  requireWindows,
} from '../validation';
import { ExpiringMap } from './expiring-map';

interface Grant {
  at: number;
  cost: number;
  /** The handle slidingWindow returned: `<seq>:<cost at grant time>`, as Redis names its members. */
  handle: string;
}

interface SlidingLog {
  grants: Grant[];
  used: number;
  seq: number;
}

/**
 * CountersPort for one process. Every method does its whole read-check-write before its first await,
 * so on Node's single thread each call is atomic, exactly like the Redis Lua scripts.
 */
export class InProcessCounters implements CountersPort {
  private readonly counters = new ExpiringMap<number>();
  private readonly logs = new ExpiringMap<SlidingLog>();

  async reserve(windows: BudgetWindow[], amount: number): Promise<ReserveResult> {
    requireWindows(windows, 'counters.reserve: windows');
    requireInteger(amount, 'counters.reserve: amount', 0);
    const current = windows.map((w) => this.value(w.key));
    const missingKeys = windows.filter((w) => w.mustExist && !this.counters.has(w.key)).map((w) => w.key);
    if (missingKeys.length > 0) return { ok: false, missingKeys, spent: current };
    const exceeded = windows.findIndex((w, i) => current[i] + amount > w.limit);
    if (exceeded >= 0) return { ok: false, exceededKey: windows[exceeded].key, spent: current };
    return { ok: true, spent: windows.map((w) => this.add(w, amount)) };
  }

  async adjust(windows: BudgetWindow[], delta: number): Promise<number[]> {
    requireWindows(windows, 'counters.adjust: windows');
    requireInteger(delta, 'counters.adjust: delta');
    return windows.map((w) => this.add(w, delta));
  }

  async read(keys: string[]): Promise<number[]> {
    if (!Array.isArray(keys)) throw new TypeError('counters.read: keys must be an array of strings');
    return keys.map((key, i) => this.value(requireKey(key, `counters.read: keys[${i}]`)));
  }

  async seed(key: string, value: number, ttlMs: number): Promise<void> {
    requireKey(key, 'counters.seed: key');
    requireInteger(value, 'counters.seed: value');
    requireInteger(ttlMs, 'counters.seed: ttlMs', 1);
    if (!this.counters.has(key)) this.counters.set(key, value, ttlMs);
  }

  async slidingWindow(key: string, windowMs: number, limit: number, cost: number): Promise<RateLimitResult> {
    requireKey(key, 'slidingWindow: key');
    requireSlidingWindowArgs(windowMs, limit, cost);
    const now = Date.now();
    const log = this.logs.get(key) ?? { grants: [], used: 0, seq: 0 };
    const stillInWindow = log.grants.findIndex((g) => g.at > now - windowMs);
    const expired = stillInWindow < 0 ? log.grants.length : stillInWindow;
    for (const grant of log.grants.splice(0, expired)) log.used -= grant.cost;

    if (log.used + cost <= limit) {
      const handle = `${++log.seq}:${cost}`;
      log.grants.push({ at: now, cost, handle });
      log.used += cost;
      this.logs.set(key, log, windowMs);
      return { allowed: true, used: log.used, retryAfterMs: 0, grant: handle };
    }
    return { allowed: false, used: log.used, retryAfterMs: retryAfter(log, limit, cost, windowMs, now) };
  }

  async resizeGrant(key: string, grant: string, cost: number): Promise<void> {
    requireResizeArgs(key, grant, cost);
    const log = this.logs.get(key);
    const granted = log?.grants.find((g) => g.handle === grant);
    if (!log || !granted) return;
    log.used += cost - granted.cost;
    granted.cost = cost;
    granted.handle = `${grant.split(':')[0]}:${cost}`;
  }

  private value(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  private add(window: BudgetWindow, delta: number): number {
    const next = this.value(window.key) + delta;
    this.counters.update(window.key, next);
    this.counters.expireIfPersistent(window.key, window.ttlMs);
    return next;
  }
}

/** Time until the oldest grants that must slide out (to fit `cost`) have left the window. */
function retryAfter(log: SlidingLog, limit: number, cost: number, windowMs: number, now: number): number {
  const mustFree = log.used + cost - limit;
  let freed = 0;
  for (const grant of log.grants) {
    freed += grant.cost;
    if (freed >= mustFree) return grant.at + windowMs - now;
  }
  return windowMs;
}
