import type { Registry } from 'prom-client';
import { ChildCache } from './metric-children';

/** A sample as prom-client's Registry reads it from a metric's get(). */
interface ExportedValue {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** What prom-client's Registry reads from a metric at a scrape, in the shape its Histogram returns. */
interface ExportedMetric {
  name: string;
  help: string;
  type: 'histogram';
  aggregator: 'sum';
  values: ExportedValue[];
}

export interface BucketHistogramConfig {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** Upper bounds, ascending; +Inf is implied. */
  buckets: readonly number[];
  registers: Registry[];
}

/** One label combination of a BucketHistogram: what the hot path holds and observes into. */
export class HistogramSeries {
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  private readonly counts: Float64Array;
  private sum = 0;

  constructor(
    private readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
  }

  /** The series as prom-client exports a histogram's: cumulative buckets, +Inf, sum, count. */
  values(name: string): ExportedValue[] {
    const values: ExportedValue[] = [];
    let cumulative = 0;
    for (let i = 0; i < this.bounds.length; i++) {
      cumulative += this.counts[i];
      values.push({
        metricName: `${name}_bucket`,
        labels: { le: this.bounds[i], ...this.labels },
        value: cumulative,
      });
    }
    const count = cumulative + this.counts[this.bounds.length];
    values.push(
      { metricName: `${name}_bucket`, labels: { le: '+Inf', ...this.labels }, value: count },
      { metricName: `${name}_sum`, labels: { ...this.labels }, value: this.sum },
      { metricName: `${name}_count`, labels: { ...this.labels }, value: count },
    );
    return values;
  }
}

/**
 * A Prometheus histogram for the hot path, registered in a prom-client Registry as a metric of its
 * own: same exposition and cluster aggregation as prom-client's Histogram (bucket-histogram.spec
 * checks that line by line), but an observation is a bucket search and two additions on a series
 * the caller holds. prom-client's `observe`, even on a child bound to its labels, validates and
 * hashes the labels and allocates on every call: a call's metrics cost five times as much with it
 * (9.7 against 2.1 us in a loop).
 */
export class BucketHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly labelNames: readonly string[];
  private readonly bounds: readonly number[];
  private readonly series: HistogramSeries[] = [];
  private readonly seriesByLabels = new ChildCache((...values: string[]) => this.newSeries(values));

  constructor(config: BucketHistogramConfig) {
    if (config.labelNames.includes('le')) throw new Error('le is a reserved label keyword');
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames;
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    for (const registry of config.registers) registry.registerMetric(this as never);
  }

  /** The series of these label values (in labelNames order), created empty on first use. */
  labels(...values: string[]): HistogramSeries {
    if (values.length !== this.labelNames.length) {
      throw new Error(`${this.name} has labels ${this.labelNames.join(', ')}; got ${values.length} values`);
    }
    return this.seriesByLabels.get(...values);
  }

  /** Zeroes every series; series already handed out stay valid (Registry.resetMetrics). */
  reset(): void {
    for (const series of this.series) series.reset();
  }

  /** Read by the registry at every scrape. */
  get(): Promise<ExportedMetric> {
    const values = this.series.flatMap((series) => series.values(this.name));
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }

  private newSeries(values: string[]): HistogramSeries {
    const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]]));
    const series = new HistogramSeries(labels, this.bounds);
    this.series.push(series);
    return series;
  }
}
