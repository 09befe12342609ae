import {
  bucketQuantile,
  histogramDelta,
  histogramsBy,
  histogramSum,
  parseSamples,
  sampleValue,
} from './prom-text';

const SCRAPE = `# HELP verosek_stage_duration_seconds Time spent in each stage
# TYPE verosek_stage_duration_seconds histogram
verosek_stage_duration_seconds_bucket{le="0.001",stage="shield_pre"} 6
verosek_stage_duration_seconds_bucket{le="0.002",stage="shield_pre"} 10
verosek_stage_duration_seconds_bucket{le="+Inf",stage="shield_pre"} 10
verosek_stage_duration_seconds_sum{stage="shield_pre"} 0.009
verosek_stage_duration_seconds_count{stage="shield_pre"} 10
verosek_stage_duration_seconds_bucket{le="0.001",stage="key_check"} 1
verosek_stage_duration_seconds_bucket{le="0.002",stage="key_check"} 1
verosek_stage_duration_seconds_bucket{le="+Inf",stage="key_check"} 2
verosek_stage_duration_seconds_sum{stage="key_check"} 0.5
verosek_stage_duration_seconds_count{stage="key_check"} 2
process_resident_memory_bytes 123456789
verosek_requests_total{surface="openai-chat",model="m \\"x\\"",status="200"} 7
`;

describe('Prometheus text parsing', () => {
  const samples = parseSamples(SCRAPE);

  it('reads plain and labelled samples, escaped quotes included', () => {
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBe(123456789);
    expect(sampleValue(samples, 'verosek_requests_total', { model: 'm "x"' })).toBe(7);
    expect(sampleValue(samples, 'verosek_requests_total', { model: 'other' })).toBeUndefined();
  });

  it('groups a histogram by a label', () => {
    const byStage = histogramsBy(samples, 'verosek_stage_duration_seconds', 'stage');
    expect([...byStage.keys()].sort()).toEqual(['key_check', 'shield_pre']);
    expect(byStage.get('shield_pre')).toEqual({
      buckets: [
        [0.001, 6],
        [0.002, 10],
        [Number.POSITIVE_INFINITY, 10],
      ],
      sum: 0.009,
      count: 10,
    });
  });

  it('interpolates quantiles inside buckets like histogram_quantile', () => {
    const shield = histogramsBy(samples, 'verosek_stage_duration_seconds', 'stage').get('shield_pre')!;
    expect(bucketQuantile(0.3, shield)).toBeCloseTo(0.0005, 10); // rank 3 of 6 in (0, 1 ms]
    expect(bucketQuantile(0.8, shield)).toBeCloseTo(0.0015, 10); // rank 8: 2 of 4 into (1, 2 ms]
    const key = histogramsBy(samples, 'verosek_stage_duration_seconds', 'stage').get('key_check')!;
    expect(bucketQuantile(0.99, key)).toBe(0.002); // in +Inf: the highest finite bound
    expect(bucketQuantile(0.5, { buckets: [], sum: 0, count: 0 })).toBeNaN();
  });

  it('subtracts an earlier scrape and sums step deltas', () => {
    const before = {
      buckets: [
        [0.001, 2],
        [Number.POSITIVE_INFINITY, 3],
      ] as [number, number][],
      sum: 0.1,
      count: 3,
    };
    const after = {
      buckets: [
        [0.001, 5],
        [Number.POSITIVE_INFINITY, 9],
      ] as [number, number][],
      sum: 0.4,
      count: 9,
    };
    const delta = histogramDelta(before, after);
    expect(delta.buckets).toEqual([
      [0.001, 3],
      [Number.POSITIVE_INFINITY, 6],
    ]);
    expect(delta.count).toBe(6);
    expect(delta.sum).toBeCloseTo(0.3, 12);
    expect(histogramSum(delta, delta)).toEqual({
      buckets: [
        [0.001, 6],
        [Number.POSITIVE_INFINITY, 12],
      ],
      sum: delta.sum * 2,
      count: 12,
    });
    expect(histogramDelta(undefined, after)).toBe(after);
  });
});
