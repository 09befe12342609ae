import type { BenchReport, ResultRow, RunMeta } from './bench-report';
import { markdownReport } from './markdown-report';

const meta: RunMeta = {
  startedAt: '2026-11-30T04:00:00.000Z',
  finishedAt: '2026-11-30T04:10:00.000Z',
  command: 'npm run bench',
  node: 'v20.20.2',
  platform: 'linux x64',
  cpuModel: 'test cpu',
  cpus: 2,
  loadAverage: { start: 1, end: 1 },
  stepDurationMs: 2_000,
  rounds: 1,
  warmupMs: 10_000,
  workers: 1,
  upstreamLatencyMs: 0,
  saturationConnections: 32,
};

function saturation(target: string, throughputRps: number): ResultRow {
  const summary = { count: 1, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    target,
    profile: 'saturation-plain',
    requests: 1,
    errors: 0,
    errorSamples: [],
    latencyUs: summary,
    ttfbUs: summary,
    serviceUs: summary,
    throughputRps,
    stages: [],
    curve: [],
  };
}

describe('markdownReport: targets', () => {
  const report: BenchReport = {
    meta,
    targets: [
      { name: 'bare-proxy', ran: true, notes: [] },
      { name: 'gateway-embedded', ran: true, notes: [] },
    ],
    profiles: [{ id: 'saturation-plain', label: 'saturation (32 in flight), plain', stream: false }],
    results: [saturation('bare-proxy', 4_000), saturation('gateway-embedded', 1_000)],
    comparisons: [],
    goals: [
      {
        goal: 'saturation',
        target: 'gateway-embedded',
        profile: 'saturation-plain',
        measured: 1_000,
        limit: 3_000,
        met: false,
      },
    ],
    stages: [],
    micro: [],
  };
  const markdown = markdownReport(report, 'latest.svg');

  it('lists each checked target with what was measured and the limit', () => {
    expect(markdown).toContain('## Targets (issue 9)');
    expect(markdown).toContain(
      '| at least 3,000 req/s | saturation (32 in flight), plain | **missed**: 1,000 req/s (3,000 req/s) |',
    );
  });

  it('gives saturation as a share of the bare proxy’s in the same run', () => {
    expect(markdown).toContain("Saturation as a share of the bare proxy's in this run: gateway-embedded 25%");
    expect(markdown).toContain("27% of the bare proxy's saturation on the host it was set on");
  });
});
