import type { MicroResult } from '../micro/micro-result';
import type { Profile } from '../plan/profiles';
import { bucketQuantile, histogramSum, type BucketedHistogram } from '../probes/prom-text';
import type { Measurement } from '../run/measurement';
import { addedLatency, cpuPerRequest, ratioToBare, throughput } from './added-latency';
import type { BenchReport, Comparison, ResultRow, RunMeta, StageRow, TargetReport } from './bench-report';
import { checkGoals } from './goals';
import { percentileCurve, summarize } from './latency-summary';

/** Turns the raw measurements into the report: summaries per target and profile, and each hop against direct. */
export function buildReport(
  meta: RunMeta,
  targets: TargetReport[],
  profiles: Profile[],
  measurements: Measurement[],
  micro: MicroResult[],
): BenchReport {
  const results = measurements.map(resultRow);
  const find = (target: string, profile: string) =>
    results.find((r) => r.target === target && r.profile === profile);
  const comparisons: Comparison[] = [];
  for (const profile of profiles) {
    const direct = find('direct', profile.id);
    if (!direct) continue;
    const bare = find('bare-proxy', profile.id);
    const bareAdded = bare ? addedLatency(bare.latencyUs, direct.latencyUs) : undefined;
    for (const row of results.filter((r) => r.profile === profile.id && r.target !== 'direct')) {
      const added = addedLatency(row.latencyUs, direct.latencyUs);
      const comparison: Comparison = { target: row.target, profile: profile.id, addedUs: added };
      if (profile.stream) comparison.addedTtfbUs = addedLatency(row.ttfbUs, direct.ttfbUs);
      if (row.target !== 'bare-proxy' && bareAdded)
        comparison.ratioToBareP99 = ratioToBare(added.p99, bareAdded.p99);
      comparisons.push(comparison);
    }
  }
  return {
    meta,
    targets,
    profiles: profiles.map(({ id, label, stream }) => ({ id, label, stream })),
    results,
    comparisons,
    goals: checkGoals(results, comparisons),
    stages: stagesByTarget(measurements),
    micro,
  };
}

function stagesByTarget(measurements: Measurement[]): BenchReport['stages'] {
  const byTarget = new Map<string, Map<string, BucketedHistogram>>();
  for (const m of measurements) {
    const sums = byTarget.get(m.target) ?? new Map<string, BucketedHistogram>();
    for (const [stage, h] of m.stages) sums.set(stage, histogramSum(sums.get(stage), h));
    byTarget.set(m.target, sums);
  }
  return [...byTarget]
    .map(([target, sums]) => ({
      target,
      rows: [...sums].filter(([, h]) => h.count > 0).map(([stage, h]) => stageRow(stage, h)),
    }))
    .filter((t) => t.rows.length > 0);
}

function resultRow(m: Measurement): ResultRow {
  const row: ResultRow = {
    target: m.target,
    profile: m.profile.id,
    requests: m.requests,
    errors: m.errors,
    errorSamples: [...m.errorSamples],
    latencyUs: summarize(m.latency),
    ttfbUs: summarize(m.ttfb),
    serviceUs: summarize(m.service),
    throughputRps: Math.round(throughput(m.ok, m.elapsedMs)),
    cpuMsPerRequest: round3(cpuPerRequest(m.hopCpuMs, m.requests)),
    companionCpuMsPerRequest: round3(cpuPerRequest(m.companionCpuMs, m.requests)),
    stages: [...m.stages].filter(([, h]) => h.count > 0).map(([stage, h]) => stageRow(stage, h)),
    curve: percentileCurve(m.latency),
  };
  if (m.profile.shape.kind === 'open') row.sendLagUs = summarize(m.sendLag);
  return row;
}

function stageRow(stage: string, h: BucketedHistogram): StageRow {
  const us = (seconds: number) => Math.round(seconds * 1e7) / 10;
  return {
    stage,
    count: h.count,
    meanUs: us(h.sum / h.count),
    p50Us: us(bucketQuantile(0.5, h)),
    p99Us: us(bucketQuantile(0.99, h)),
  };
}

function round3(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.round(n * 1000) / 1000;
}
