import { Histogram } from '../stats/histogram';
import { addedLatency, cpuPerRequest, ratioToBare, throughput } from './added-latency';
import { percentileCurve, summarize } from './latency-summary';

function histogramOf(values: number[]): Histogram {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('report computations', () => {
  const direct = summarize(histogramOf(range(1000, 100))); // 1000..1099 µs
  const bare = summarize(histogramOf(range(1100, 100))); // +100 µs everywhere
  const gateway = summarize(histogramOf([...range(1500, 98), 1900, 2000])); // +500 µs, slow tail

  it('subtracts the direct latency at each headline percentile', () => {
    expect(direct).toMatchObject({ p50: 1049, p90: 1089, p99: 1098, max: 1099, count: 100 });
    expect(addedLatency(bare, direct)).toEqual({ p50: 100, p90: 100, p99: 100 });
    expect(addedLatency(gateway, direct)).toEqual({ p50: 1549 - 1049, p90: 1589 - 1089, p99: 1900 - 1098 });
  });

  it('can report a negative shift when a hop is faster at some rank', () => {
    const fast = summarize(histogramOf(range(900, 100)));
    expect(addedLatency(fast, direct).p50).toBe(-100);
  });

  it('compares our added P99 with the bare proxy', () => {
    const ours = addedLatency(gateway, direct).p99;
    const floor = addedLatency(bare, direct).p99;
    expect(ratioToBare(ours, floor)).toBeCloseTo(802 / 100, 10);
    expect(ratioToBare(ours, 0)).toBeUndefined();
    expect(ratioToBare(ours, -20)).toBeUndefined();
  });

  it('computes throughput and CPU per request', () => {
    expect(throughput(2500, 2000)).toBe(1250);
    expect(throughput(10, 0)).toBe(0);
    expect(cpuPerRequest(300, 1200)).toBe(0.25);
    expect(cpuPerRequest(undefined, 1200)).toBeUndefined();
    expect(cpuPerRequest(300, 0)).toBeUndefined();
  });

  it('draws the percentile curve only as deep into the tail as the sample count allows', () => {
    const curve = percentileCurve(histogramOf(range(1, 1000)));
    expect(curve[0]).toEqual([0, 1]);
    expect(curve.find(([p]) => p === 50)).toEqual([50, 500]);
    expect(curve[curve.length - 1]).toEqual([99.9, 999]);
    expect(curve.some(([p]) => p > 99.9)).toBe(false);
  });
});
