import type { Comparison, ResultRow } from './bench-report';
import { checkGoals } from './goals';
import type { LatencySummary } from './latency-summary';

const summary: LatencySummary = { count: 1, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };

function row(target: string, profile: string, fields: Partial<ResultRow> = {}): ResultRow {
  return {
    target,
    profile,
    requests: 100,
    errors: 0,
    errorSamples: [],
    latencyUs: summary,
    ttfbUs: summary,
    serviceUs: summary,
    throughputRps: 100,
    stages: [],
    curve: [],
    ...fields,
  };
}

function added(target: string, profile: string, p99: number, ttfbP99?: number): Comparison {
  const c: Comparison = { target, profile, addedUs: { p50: 0, p90: 0, p99 } };
  if (ttfbP99 !== undefined) c.addedTtfbUs = { p50: 0, p90: 0, p99: ttfbP99 };
  return c;
}

const check = (results: ResultRow[], comparisons: Comparison[], goal: string, target = 'gateway-embedded') =>
  checkGoals(results, comparisons).filter((c) => c.goal === goal && c.target === target);

describe('checkGoals', () => {
  it('holds the added P99 at fixed rates to twice the bare proxy’s of the same run', () => {
    const results = ['rate200-plain', 'rate500-plain'].flatMap((p) => [
      row('bare-proxy', p),
      row('gateway-embedded', p),
    ]);
    const comparisons = [
      added('bare-proxy', 'rate200-plain', 500),
      added('gateway-embedded', 'rate200-plain', 900),
      added('bare-proxy', 'rate500-plain', 500),
      added('gateway-embedded', 'rate500-plain', 1_100),
    ];
    expect(check(results, comparisons, 'added-p99-vs-bare')).toEqual([
      expect.objectContaining({ profile: 'rate200-plain', measured: 900, limit: 1_000, met: true }),
      expect.objectContaining({ profile: 'rate500-plain', measured: 1_100, limit: 1_000, met: false }),
    ]);
  });

  it('leaves a relative goal out when the bare proxy added nothing measurable or did not run', () => {
    const results = [row('bare-proxy', 'rate200-plain'), row('gateway-embedded', 'rate200-plain')];
    expect(
      check(
        results,
        [added('bare-proxy', 'rate200-plain', -20), added('gateway-embedded', 'rate200-plain', 300)],
        'added-p99-vs-bare',
      ),
    ).toEqual([]);
    expect(
      check([results[1]], [added('gateway-embedded', 'rate200-plain', 300)], 'added-p99-vs-bare'),
    ).toEqual([]);
  });

  it('holds the added P99 at 1 in flight to 1 ms', () => {
    const results = [row('gateway-embedded', 'serial-plain'), row('gateway-cluster', 'serial-plain')];
    const comparisons = [
      added('gateway-embedded', 'serial-plain', 950),
      added('gateway-cluster', 'serial-plain', 1_050),
    ];
    expect(check(results, comparisons, 'added-p99-serial')[0]).toMatchObject({ met: true, limit: 1_000 });
    expect(check(results, comparisons, 'added-p99-serial', 'gateway-cluster')[0]).toMatchObject({
      met: false,
    });
  });

  it('allows streams 1 ms of added TTFB over the bare proxy’s, and no credit when the proxy’s is negative', () => {
    const results = ['rate200-stream', 'rate500-stream'].flatMap((p) => [
      row('bare-proxy', p),
      row('gateway-embedded', p),
    ]);
    const comparisons = [
      added('bare-proxy', 'rate200-stream', 0, 300),
      added('gateway-embedded', 'rate200-stream', 0, 1_250),
      added('bare-proxy', 'rate500-stream', 0, -80),
      added('gateway-embedded', 'rate500-stream', 0, 1_010),
    ];
    expect(check(results, comparisons, 'added-ttfb-p99')).toEqual([
      expect.objectContaining({ profile: 'rate200-stream', limit: 1_300, met: true }),
      expect.objectContaining({ profile: 'rate500-stream', limit: 1_000, met: false }),
    ]);
  });

  it('asks at least 3,000 req/s at saturation', () => {
    const results = [
      row('gateway-embedded', 'saturation-plain', { throughputRps: 3_000 }),
      row('gateway-cluster', 'saturation-plain', { throughputRps: 2_999 }),
    ];
    expect(check(results, [], 'saturation')[0]).toMatchObject({ measured: 3_000, met: true });
    expect(check(results, [], 'saturation', 'gateway-cluster')[0]).toMatchObject({ met: false });
  });

  it('counts cluster mode’s companions in the CPU per request held to twice the bare proxy’s', () => {
    const results = [
      row('bare-proxy', 'saturation-plain', { cpuMsPerRequest: 0.25, companionCpuMsPerRequest: undefined }),
      row('gateway-embedded', 'saturation-plain', { cpuMsPerRequest: 0.5 }),
      row('gateway-cluster', 'saturation-plain', { cpuMsPerRequest: 0.3, companionCpuMsPerRequest: 0.25 }),
    ];
    expect(check(results, [], 'cpu-vs-bare')[0]).toMatchObject({ measured: 0.5, limit: 0.5, met: true });
    expect(check(results, [], 'cpu-vs-bare', 'gateway-cluster')[0]).toMatchObject({
      measured: 0.55,
      met: false,
    });
  });

  it('checks gateway configurations only', () => {
    const results = [
      row('direct', 'saturation-plain', { throughputRps: 9_000 }),
      row('bare-proxy', 'saturation-plain', { throughputRps: 5_000 }),
    ];
    expect(checkGoals(results, [])).toEqual([]);
  });
});
