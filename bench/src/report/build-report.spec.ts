import type { StepResult } from '../load/load-protocol';
import { benchProfiles } from '../plan/profiles';
import { Measurement } from '../run/measurement';
import { Histogram } from '../stats/histogram';
import type { TargetName } from '../targets/target';
import type { RunMeta } from './bench-report';
import { buildReport } from './build-report';

const profiles = benchProfiles(8);
const plain = profiles.find((p) => p.id === 'rate200-plain')!;
const stream = profiles.find((p) => p.id === 'rate200-stream')!;

function step(latencies: number[], ttfbShift = 0): StepResult {
  const latency = new Histogram();
  const ttfb = new Histogram();
  for (const v of latencies) {
    latency.record(v);
    ttfb.record(v - ttfbShift);
  }
  return {
    latencyUs: latency.snapshot(),
    ttfbUs: ttfb.snapshot(),
    serviceUs: latency.snapshot(),
    sendLagUs: new Histogram().snapshot(),
    ok: latencies.length,
    errors: 0,
    errorSamples: [],
    elapsedMs: 1000,
  };
}

function measured(target: TargetName, profile = plain, shift = 0, cpuMs?: number): Measurement {
  const m = new Measurement(target, profile);
  m.addStep(
    step(
      Array.from({ length: 100 }, (_, i) => 1000 + shift + i),
      200,
    ),
    { hopMs: cpuMs },
    undefined,
  );
  return m;
}

describe('buildReport', () => {
  const report = buildReport(
    {} as RunMeta,
    [],
    [plain, stream],
    [
      measured('direct'),
      measured('bare-proxy', plain, 100, 20),
      measured('gateway-embedded', plain, 400, 50),
      measured('direct', stream),
      measured('gateway-embedded', stream, 300),
    ],
    [],
  );

  it('compares every hop with direct under the same profile', () => {
    const bare = report.comparisons.find((c) => c.target === 'bare-proxy' && c.profile === plain.id)!;
    const gateway = report.comparisons.find(
      (c) => c.target === 'gateway-embedded' && c.profile === plain.id,
    )!;
    expect(bare.addedUs).toEqual({ p50: 100, p90: 100, p99: 100 });
    expect(bare.ratioToBareP99).toBeUndefined();
    expect(gateway.addedUs).toEqual({ p50: 400, p90: 400, p99: 400 });
    expect(gateway.ratioToBareP99).toBe(4);
    expect(report.comparisons.some((c) => c.target === 'direct')).toBe(false);
  });

  it('adds TTFB for streamed profiles and leaves the ratio out without a bare proxy run', () => {
    const streamed = report.comparisons.find((c) => c.profile === stream.id)!;
    expect(streamed.addedTtfbUs).toEqual({ p50: 300, p90: 300, p99: 300 });
    expect(streamed.ratioToBareP99).toBeUndefined();
    expect(report.comparisons.find((c) => c.profile === plain.id)!.addedTtfbUs).toBeUndefined();
  });

  it('reports throughput and CPU per request', () => {
    const row = report.results.find((r) => r.target === 'gateway-embedded' && r.profile === plain.id)!;
    expect(row.throughputRps).toBe(100);
    expect(row.cpuMsPerRequest).toBe(0.5);
    expect(report.results.find((r) => r.target === 'direct')!.cpuMsPerRequest).toBeUndefined();
  });
});
