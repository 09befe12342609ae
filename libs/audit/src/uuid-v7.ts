import { randomUUID } from 'node:crypto';

/**
 * A UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by creation
 * time. Built on randomUUID() (fast, pooled entropy): its first 12 hex digits are replaced by the
 * timestamp and its version nibble by 7; the variant bits are already RFC-conformant. A fractional
 * time (a start plus a performance.now() duration) is floored: its hex would carry a '.'.
 */
export function uuidV7(nowMs: number = Date.now()): string {
  const ms = Math.floor(nowMs);
  if (ms !== prefixMs) {
    const time = ms.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    prefixMs = ms;
  }
  return prefix + randomUUID().slice(15);
}

// A call's records are mostly made within the same millisecond: their common start is built once.
let prefixMs = Number.NaN;
let prefix = '';

/** The creation time encoded in a UUID v7, in Unix milliseconds. */
export function uuidV7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
