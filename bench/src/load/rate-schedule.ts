/**
 * The send times of an open-loop run at a constant rate (as wrk2 does): request i is due at
 * i * 1e9 / rate nanoseconds after the start, whatever happened to the requests before it. Latency is
 * measured from that due time, not from when the request actually left, so a stall of the server (or of
 * the load generator) shows up in the latency of every request it delayed: the correction for
 * coordinated omission.
 */
export class RateSchedule {
  /** Requests in the whole run. */
  readonly total: number;

  constructor(
    /** Requests per second. */
    readonly rate: number,
    readonly durationMs: number,
  ) {
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new RangeError(`rate must be a positive number (got ${rate})`);
    if (!(durationMs > 0)) throw new RangeError(`durationMs must be positive (got ${durationMs})`);
    this.total = Math.max(1, Math.round((rate * durationMs) / 1000));
  }

  /** Nanoseconds between two sends. */
  get intervalNs(): number {
    return 1e9 / this.rate;
  }

  /** When request `i` (0-based) is due, in nanoseconds after the start. */
  dueAtNs(i: number): number {
    return Math.floor((i * 1e9) / this.rate);
  }

  /** How many requests are due by `elapsedNs` after the start (those with index below the result). */
  dueBy(elapsedNs: number): number {
    if (elapsedNs < 0) return 0;
    let due = Math.floor((elapsedNs * this.rate) / 1e9) + 1;
    // Guard the floating-point edge so that dueAtNs(due - 1) <= elapsedNs < dueAtNs(due) holds exactly.
    while (due > 0 && this.dueAtNs(due - 1) > elapsedNs) due--;
    while (due < this.total && this.dueAtNs(due) <= elapsedNs) due++;
    return Math.min(due, this.total);
  }

  /** Nanoseconds from `elapsedNs` until request `next` is due (0 when it already is; -1 when none is left). */
  waitNs(next: number, elapsedNs: number): number {
    if (next >= this.total) return -1;
    return Math.max(0, this.dueAtNs(next) - elapsedNs);
  }
}
