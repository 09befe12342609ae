import { QueueKeys } from 'bullmq';
import type { BudgetWindow, QueueConsumerOptions, QueueJob } from './ports';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './queue-defaults';

/**
 * Argument checks shared by both adapters, so that bad input fails the same way (with the field named)
 * whichever adapter is wired in.
 */

export function requireKey(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${field} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function requireInteger(value: unknown, field: string, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const bound = min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`;
    throw new RangeError(`${field} must be ${bound}, got ${describe(value)}`);
  }
  return value;
}

export function requireOptionalTtl(value: unknown, field: string): number | undefined {
  return value === undefined ? undefined : requireInteger(value, field, 1);
}

export function requireWindows(windows: unknown, field: string): BudgetWindow[] {
  if (!Array.isArray(windows) || windows.length === 0) {
    throw new TypeError(`${field} must be a non-empty array of budget windows, got ${describe(windows)}`);
  }
  const seen = new Set<string>();
  windows.forEach((window: BudgetWindow, i) => {
    const key = requireKey(window?.key, `${field}[${i}].key`);
    if (seen.has(key)) throw new TypeError(`${field}[${i}].key repeats "${key}"`);
    seen.add(key);
    requireInteger(window.limit, `${field}[${i}].limit`, 0);
    requireInteger(window.ttlMs, `${field}[${i}].ttlMs`, 1);
    if (window.mustExist !== undefined && typeof window.mustExist !== 'boolean')
      throw new TypeError(`${field}[${i}].mustExist must be a boolean, got ${describe(window.mustExist)}`);
  });
  return windows;
}

/** resizeGrant's arguments; a grant is the handle slidingWindow returned: `<seq>:<cost>`. */
export function requireResizeArgs(key: unknown, grant: unknown, cost: unknown): void {
  requireKey(key, 'resizeGrant: key');
  if (typeof grant !== 'string' || !/^\d+:\d+$/.test(grant))
    throw new TypeError(`resizeGrant: grant must be a handle slidingWindow returned, got ${describe(grant)}`);
  requireInteger(cost, 'resizeGrant: cost', 0);
}

export function requireSlidingWindowArgs(windowMs: unknown, limit: unknown, cost: unknown): void {
  requireInteger(windowMs, 'slidingWindow: windowMs', 1);
  const max = requireInteger(limit, 'slidingWindow: limit', 1);
  const units = requireInteger(cost, 'slidingWindow: cost', 1);
  if (units > max) {
    throw new RangeError(`slidingWindow: cost (${units}) exceeds limit (${max}); it could never be granted`);
  }
}

/**
 * A job is stored under `<prefix>:<queue>:<id>`, next to the queue's own keys (`wait`, `marker`, ...):
 * an id equal to one of those would overwrite it.
 */
const RESERVED_JOB_IDS = new Set(Object.keys(new QueueKeys().getKeys('queue')));

/** BullMQ's rules (colons are its key separator; integer ids collide with its own counter ids). */
export function requireQueueName(name: unknown): string {
  const value = requireKey(name, 'queue name');
  if (value.includes(':')) throw new TypeError(`queue name must not contain ":", got "${value}"`);
  return value;
}

/** A consumer's options with the defaults filled in. */
export function requireConsumerOptions(options: QueueConsumerOptions): Required<QueueConsumerOptions> {
  return {
    concurrency: requireInteger(options.concurrency ?? 1, 'queue.consume: concurrency', 1),
    attempts: requireInteger(options.attempts ?? DEFAULT_ATTEMPTS, 'queue.consume: attempts', 1),
    backoffMs: requireInteger(options.backoffMs ?? DEFAULT_BACKOFF_MS, 'queue.consume: backoffMs', 0),
  };
}

export function requireJob<T>(job: QueueJob<T>, field: string): QueueJob<T> {
  const id = requireKey(job?.id, `${field}.id`);
  if (id.includes(':')) throw new TypeError(`${field}.id must not contain ":", got "${id}"`);
  if (String(parseInt(id, 10)) === id)
    throw new TypeError(`${field}.id must not be an integer string, got "${id}"`);
  if (RESERVED_JOB_IDS.has(id))
    throw new TypeError(`${field}.id "${id}" is reserved by the queue's own keys`);
  return job;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}
