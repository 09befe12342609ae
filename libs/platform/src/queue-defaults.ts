/** Queue behaviour shared by the BullMQ and in-process adapters, so both dedupe and retry alike. */

/**
 * Completed job ids are remembered this long (and at most this many per queue), so a producer that
 * re-adds a job after a timeout does not get it processed twice.
 */
export const COMPLETED_RETENTION = { ageMs: 60 * 60 * 1000, count: 10_000 };

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

/** Exponential backoff: the delay before retry n (n = 1 for the first retry). */
export function backoffDelay(firstDelayMs: number, retry: number): number {
  return firstDelayMs * 2 ** (retry - 1);
}
