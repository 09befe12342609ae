import type { Histogram } from '../stats/histogram';

/** Percentiles of one distribution, in microseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export type Percentile = 'p50' | 'p90' | 'p99';
export const HEADLINE_PERCENTILES: readonly Percentile[] = ['p50', 'p90', 'p99'];

/** Points of the percentile curves in the chart. */
const CURVE_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.8, 99.9, 99.95, 99.99, 99.995, 99.999];

export function summarize(h: Histogram): LatencySummary {
  return {
    count: h.count,
    p50: h.percentile(50),
    p90: h.percentile(90),
    p99: h.percentile(99),
    p999: h.percentile(99.9),
    max: h.max,
    mean: Math.round(h.mean),
  };
}

/** [percentile, µs] pairs, only as far into the tail as the sample size supports (at least one value beyond). */
export function percentileCurve(h: Histogram): [number, number][] {
  return CURVE_PERCENTILES.filter((p) => h.count * (100 - p) >= 100 - 1e-6).map((p) => [p, h.percentile(p)]);
}
