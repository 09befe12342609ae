/**
 * A log-linear bucketed histogram of non-negative integers (microseconds here), in the style of
 * HdrHistogram: values below 2^(subBits+1) are counted exactly; above, each power of two is split into
 * 2^subBits equal buckets, so a reported value is within 2^-subBits (0.1% at the default 10 bits) of the
 * recorded one. Recording is O(1) with no allocation.
 */

/** The largest trackable value: 2^31 - 1 µs is about 36 minutes; larger values are clamped to it. */
const MAX_VALUE = 0x7fffffff;

export interface HistogramSnapshot {
  subBits: number;
  /** [bucket index, count] for every non-empty bucket. */
  buckets: [number, number][];
  min: number;
  max: number;
  sum: number;
  count: number;
}

export class Histogram {
  private readonly half: number;
  private readonly counts: Float64Array;
  private total = 0;
  private sum = 0;
  private minValue = Number.POSITIVE_INFINITY;
  private maxValue = 0;

  constructor(readonly subBits = 10) {
    if (!Number.isInteger(subBits) || subBits < 1 || subBits > 16) {
      throw new RangeError(`histogram subBits must be an integer from 1 to 16 (got ${subBits})`);
    }
    this.half = 1 << subBits;
    this.counts = new Float64Array(this.indexOf(MAX_VALUE) + 1);
  }

  static fromSnapshot(snapshot: HistogramSnapshot): Histogram {
    const h = new Histogram(snapshot.subBits);
    for (const [index, count] of snapshot.buckets) h.counts[index] += count;
    h.total = snapshot.count;
    h.sum = snapshot.sum;
    h.minValue = snapshot.count > 0 ? snapshot.min : Number.POSITIVE_INFINITY;
    h.maxValue = snapshot.max;
    return h;
  }

  /** Records `value` (rounded to an integer, clamped to [0, 2^31-1]) `times` times. */
  record(value: number, times = 1): void {
    const v = value <= 0 ? 0 : value >= MAX_VALUE ? MAX_VALUE : Math.round(value);
    this.counts[this.indexOf(v)] += times;
    this.total += times;
    this.sum += v * times;
    if (v < this.minValue) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
  }

  get count(): number {
    return this.total;
  }

  get min(): number {
    return this.total === 0 ? 0 : this.minValue;
  }

  get max(): number {
    return this.maxValue;
  }

  get mean(): number {
    return this.total === 0 ? 0 : this.sum / this.total;
  }

  /**
   * The value at percentile `p` (0..100) by nearest rank: the smallest recorded value such that at least
   * p% of all values are <= it. Reported as the top of its bucket, never above the recorded maximum nor
   * below the recorded minimum. 0 when empty.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100 (got ${p})`);
    if (this.total === 0) return 0;
    if (p === 0) return this.min;
    // The epsilon keeps float noise (99.9 / 100 * 1000 = 999.0000000000001) from skipping a rank.
    const rank = Math.max(1, Math.ceil((p * this.total) / 100 - 1e-9));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.maxValue, Math.max(this.minValue, this.highestEquivalent(i)));
    }
    return this.maxValue;
  }

  /** Adds every value of `other` (same subBits) to this histogram. */
  add(other: Histogram): void {
    if (other.subBits !== this.subBits) {
      throw new RangeError(`cannot add a histogram of subBits ${other.subBits} to one of ${this.subBits}`);
    }
    for (let i = 0; i < other.counts.length; i++)
      if (other.counts[i] !== 0) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.sum += other.sum;
    if (other.total > 0) {
      this.minValue = Math.min(this.minValue, other.minValue);
      this.maxValue = Math.max(this.maxValue, other.maxValue);
    }
  }

  snapshot(): HistogramSnapshot {
    const buckets: [number, number][] = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i] !== 0) buckets.push([i, this.counts[i]]);
    return { subBits: this.subBits, buckets, min: this.min, max: this.max, sum: this.sum, count: this.total };
  }

  /** The bucket of an integer value in [0, MAX_VALUE]. */
  indexOf(v: number): number {
    if (v < 2 * this.half) return v;
    const shift = 31 - Math.clz32(v) - this.subBits;
    return this.half * shift + (v >>> shift);
  }

  /** The largest value that falls into bucket `index`. */
  highestEquivalent(index: number): number {
    if (index < 2 * this.half) return index;
    const shift = Math.floor(index / this.half) - 1;
    const sub = index - this.half * shift;
    return (sub + 1) * 2 ** shift - 1;
  }
}
