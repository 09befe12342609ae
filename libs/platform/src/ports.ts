/**
 * The seam between embedded and cluster mode (DESIGN §4): each port has a Redis adapter and an
 * in-process adapter, and one contract suite runs against both.
 */

/** Key/value cache with optional expiry. Values are strings (callers serialise). */
export interface CachePort {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
}

/**
 * Budget counters and rate limits. In Redis a call touching several keys runs as one Lua script; the keys
 * are plain keys (one Redis node), so a Redis Cluster deployment would need them hash-tagged.
 */
export interface BudgetWindow {
  /** Counter key, e.g. `budget:<key_id>:day:2026-11-29`. */
  key: string;
  /** Cap in micro-USD (integers keep Lua and JS exact). */
  limit: number;
  /** Expiry of the counter, past the window's end. */
  ttlMs: number;
  /**
   * An absent counter may be one Redis lost: `reserve` then changes nothing and names it in
   * `missingKeys`, so the caller can seed it (from Postgres) first. Default: absent counts as 0.
   */
  mustExist?: boolean;
}

export interface ReserveResult {
  ok: boolean;
  /** When refused: the first window that would be exceeded. */
  exceededKey?: string;
  /** When refused: the windows marked `mustExist` whose counter is absent (checked before limits). */
  missingKeys?: string[];
  /** Spend per window after the call (reserved included), in micro-USD, same order as the input. */
  spent: number[];
}

export interface RateLimitResult {
  allowed: boolean;
  /** Units used in the window, this call included when allowed. */
  used: number;
  /** When refused: milliseconds until enough of the window has slid out. */
  retryAfterMs: number;
  /** When allowed: the grant's handle, to resize it once its real cost is known. */
  grant?: string;
}

/** Atomic counters: budgets (reserve then settle) and sliding-window rate limits. */
export interface CountersPort {
  /**
   * Atomically: if every `mustExist` window's counter exists and every window's spend + amount <=
   * its limit, add amount to all; else change nothing.
   */
  reserve(windows: BudgetWindow[], amount: number): Promise<ReserveResult>;
  /** Adds delta (may be negative: settle real cost minus reservation) to every window. */
  adjust(windows: BudgetWindow[], delta: number): Promise<number[]>;
  /** Current values (0 when absent). */
  read(keys: string[]): Promise<number[]>;
  /** Sets a counter when it is absent (re-seeding from Postgres after a Redis restart). */
  seed(key: string, value: number, ttlMs: number): Promise<void>;
  /**
   * Sliding-window limiter: grants `cost` units now if used + cost <= limit over the last windowMs.
   * `cost` must be between 1 and `limit`: a cost above the limit could never be granted (RangeError).
   */
  slidingWindow(key: string, windowMs: number, limit: number, cost: number): Promise<RateLimitResult>;
  /**
   * Sets the cost of a grant still in the window (an estimate corrected once the real cost is known;
   * 0 and above the limit allowed); nothing when it has slid out.
   */
  resizeGrant(key: string, grant: string, cost: number): Promise<void>;
}

export type Unsubscribe = () => Promise<void>;

/** Fire-and-forget broadcast to every replica (cache invalidation, key revocation). */
export interface PubSubPort {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
}

export interface QueueJob<T> {
  /** Fixed job id: adding the same id twice keeps one job (dedupe on retry). */
  id: string;
  data: T;
}

/** A job that used up its attempts; kept (never dropped) for inspection and replay. */
export interface FailedJob<T> {
  id: string;
  data: T;
  /** Message of the last error. */
  reason: string;
  attemptsMade: number;
}

/**
 * Producer side of a named work queue. Queue names and job ids follow BullMQ's rules in both adapters:
 * no `:`, and a job id is not an integer string.
 */
export interface QueueProducer<T> {
  add(job: QueueJob<T>): Promise<void>;
  addBulk(jobs: QueueJob<T>[]): Promise<void>;
  /** Jobs not finished yet: waiting, active, and waiting for a retry. */
  depth(): Promise<number>;
  /** Failed jobs, most recent first. */
  failed(limit?: number): Promise<FailedJob<T>[]>;
  close(): Promise<void>;
}

export interface QueueConsumerOptions {
  /** Jobs handled at once (default 1). */
  concurrency?: number;
  /** Attempts before a job is kept as failed (never dropped). Default 5. */
  attempts?: number;
  /** First retry delay; doubles on each further attempt (exponential backoff). Default 1000. */
  backoffMs?: number;
}

/** Consumer side: the handler may throw to have the job retried with backoff. */
export interface QueueConsumer {
  close(): Promise<void>;
}

export interface QueueFactory {
  producer<T>(queue: string): QueueProducer<T>;
  consume<T>(
    queue: string,
    handler: (job: QueueJob<T>) => Promise<void>,
    options?: QueueConsumerOptions,
  ): QueueConsumer;
  /** Closes every producer and consumer it made. */
  close(): Promise<void>;
}

/** Injection tokens. */
export const CACHE = Symbol('CACHE');
export const COUNTERS = Symbol('COUNTERS');
export const PUBSUB = Symbol('PUBSUB');
export const QUEUES = Symbol('QUEUES');

/** One complete set of adapters (all Redis or all in-process) and the resources behind them. */
export interface Platform {
  readonly cache: CachePort;
  readonly counters: CountersPort;
  readonly pubsub: PubSubPort;
  readonly queues: QueueFactory;
  /** Stops consumers, then closes queues and connections. */
  close(): Promise<void>;
}
