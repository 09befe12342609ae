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

export interface BudgetWindow {
  /** Counter key, e.g. `budget:<key_id>:day:2026-11-29`. */
  key: string;
  /** Cap in micro-USD (integers keep Lua and JS exact). */
  limit: number;
  /** Expiry of the counter, past the window's end. */
  ttlMs: number;
}

export interface ReserveResult {
  ok: boolean;
  /** When refused: the first window that would be exceeded. */
  exceededKey?: string;
  /** Spend per window after the call (reserved included), in micro-USD, same order as the input. */
  spent: number[];
}

export interface RateLimitResult {
  allowed: boolean;
  /** Units used in the window, this call included when allowed. */
  used: number;
  /** When refused: milliseconds until enough of the window has slid out. */
  retryAfterMs: number;
}

/** Atomic counters: budgets (reserve then settle) and sliding-window rate limits. */
export interface CountersPort {
  /** Atomically: if every window's spend + amount <= its limit, add amount to all; else change nothing. */
  reserve(windows: BudgetWindow[], amount: number): Promise<ReserveResult>;
  /** Adds delta (may be negative: settle real cost minus reservation) to every window. */
  adjust(windows: BudgetWindow[], delta: number): Promise<number[]>;
  /** Current values (0 when absent). */
  read(keys: string[]): Promise<number[]>;
  /** Sets a counter when it is absent (re-seeding from Postgres after a Redis restart). */
  seed(key: string, value: number, ttlMs: number): Promise<void>;
  /** Sliding-window limiter: `cost` units now if used + cost <= limit over the last windowMs. */
  slidingWindow(key: string, windowMs: number, limit: number, cost: number): Promise<RateLimitResult>;
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

/** Producer side of a named work queue. */
export interface QueueProducer<T> {
  add(job: QueueJob<T>): Promise<void>;
  addBulk(jobs: QueueJob<T>[]): Promise<void>;
  /** Jobs waiting + active. */
  depth(): Promise<number>;
  close(): Promise<void>;
}

export interface QueueConsumerOptions {
  concurrency?: number;
  /** Attempts before a job is kept as failed (never dropped). */
  attempts?: number;
  backoffMs?: number;
}

/** Consumer side: the handler may throw to have the job retried with backoff. */
export interface QueueConsumer {
  close(): Promise<void>;
}

export interface QueueFactory {
  producer<T>(queue: string): QueueProducer<T>;
  consume<T>(queue: string, handler: (job: QueueJob<T>) => Promise<void>, options?: QueueConsumerOptions): QueueConsumer;
}

/** Injection tokens. */
export const CACHE = Symbol('CACHE');
export const COUNTERS = Symbol('COUNTERS');
export const PUBSUB = Symbol('PUBSUB');
export const QUEUES = Symbol('QUEUES');
