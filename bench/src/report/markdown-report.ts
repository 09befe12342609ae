import { formatDuration } from '../cli/duration';
import type { BenchReport, ResultRow } from './bench-report';
import { NO_STAGE_TIMINGS } from '../targets/target';
import { formatNumber, formatRatio, formatUs, table } from './format';
import { GOALS, SATURATION_GOAL_RPS, SATURATION_GOAL_SHARE, type GoalCheck } from './goals';

/** bench/results/latest.md, rendered from the JSON report. */
export function markdownReport(report: BenchReport, chartFile: string): string {
  const sections = [
    header(report),
    headline(report),
    addedLatencyTable(report),
    throughputAndCpu(report),
    goals(report),
    distributions(report),
    stageTimings(report),
    microBenchmarks(report),
    targetNotes(report),
    errors(report),
    `![latency percentile curves](${chartFile})\n`,
  ];
  return sections.filter(Boolean).join('\n\n');
}

function header(report: BenchReport): string {
  const m = report.meta;
  return `# Verosek benchmark — ${m.startedAt.slice(0, 16).replace('T', ' ')} UTC

\`${m.command}\` · ${m.cpus} × ${m.cpuModel} · Node ${m.node} · ${m.platform} · load average ${m.loadAverage.start.toFixed(1)} at start, ${m.loadAverage.end.toFixed(1)} at end
Steps of ${formatDuration(m.stepDurationMs)}, ${m.rounds} interleaved round(s), warm-up ${formatDuration(m.warmupMs)} per target;
VEROSEK_WORKERS=${m.workers}; fake upstream latency ${m.upstreamLatencyMs} ms; saturation with ${m.saturationConnections} requests in flight.
Latency is measured from each request's scheduled send time (open loop, coordinated omission corrected); "added"
is the hop's latency minus the direct call's at the same percentile. Methodology: docs/performance.md.`;
}

function headline(report: BenchReport): string {
  const lines: string[] = [];
  for (const target of ['gateway-embedded', 'gateway-embedded-1-failing', 'gateway-cluster']) {
    const c = report.comparisons.find((x) => x.target === target && x.profile === 'rate200-plain');
    if (!c) continue;
    const sat = report.results.find((r) => r.target === target && r.profile === 'saturation-plain');
    lines.push(
      `- **${target}** at 200 req/s: adds ${formatUs(c.addedUs.p50)} at P50, ${formatUs(c.addedUs.p99)} at P99 ` +
        `(${formatRatio(c.ratioToBareP99)} the bare Node proxy's added P99)` +
        (sat
          ? `; at saturation ${formatNumber(sat.throughputRps)} req/s and ${formatNumber(sat.cpuMsPerRequest, 3)} CPU ms per request`
          : '') +
        '.',
    );
  }
  if (lines.length === 0) return '';
  const met = report.goals.filter((g) => g.met).length;
  const goalLine = report.goals.length
    ? `\n\nIssue 9's targets: ${met} of ${report.goals.length} checks met (see "Targets" below).`
    : '';
  return `## Headline\n\n${lines.join('\n')}\n\nOverhead budget (DESIGN §2): added P99 < 30 ms.${goalLine}`;
}

function addedLatencyTable(report: BenchReport): string {
  const rows = report.comparisons.map((c) => {
    const profile = report.profiles.find((p) => p.id === c.profile)!;
    return [
      profile.label,
      c.target,
      formatUs(c.addedUs.p50, true),
      formatUs(c.addedUs.p90, true),
      formatUs(c.addedUs.p99, true),
      c.addedTtfbUs ? `${formatUs(c.addedTtfbUs.p50, true)} / ${formatUs(c.addedTtfbUs.p99, true)}` : '',
      c.target === 'bare-proxy' ? '(floor)' : formatRatio(c.ratioToBareP99),
    ];
  });
  return `## Added latency (hop minus direct)

${table(['profile', 'target', 'added P50', 'added P90', 'added P99', 'added TTFB P50 / P99', 'added P99 vs bare proxy'], rows)}`;
}

function throughputAndCpu(report: BenchReport): string {
  const targets = report.targets.filter((t) => t.ran).map((t) => t.name);
  const cell = (target: string, profile: string, pick: (r: ResultRow) => string) => {
    const r = report.results.find((x) => x.target === target && x.profile === profile);
    return r ? pick(r) : 'n/a';
  };
  const rows = targets.map((t) => [
    t,
    cell(t, 'saturation-plain', (r) => formatNumber(r.throughputRps)),
    cell(t, 'saturation-stream', (r) => formatNumber(r.throughputRps)),
    cell(t, 'rate500-plain', (r) => formatNumber(r.cpuMsPerRequest, 3)),
    cell(t, 'rate500-stream', (r) => formatNumber(r.cpuMsPerRequest, 3)),
    cell(t, 'rate500-plain', (r) => formatNumber(r.companionCpuMsPerRequest, 3)),
  ]);
  return `## Throughput at saturation and CPU per request

CPU: user + system time of the hop's processes (/proc/<pid>/stat, children included) over the step, divided by the
requests of the step; "companions" are the other Verosek apps of cluster mode (audit-service...), not Redis or Postgres.

${table(['target', 'req/s saturated, plain', 'req/s saturated, streamed', 'CPU ms/req @500/s plain', 'CPU ms/req @500/s streamed', 'companions CPU ms/req @500/s'], rows)}`;
}

function goals(report: BenchReport): string {
  if (report.goals.length === 0) return '';
  const targets = [...new Set(report.goals.map((g) => g.target))];
  const rows: string[][] = [];
  for (const goal of GOALS) {
    for (const profile of goal.profiles) {
      const checks = targets.map((t) =>
        report.goals.find((g) => g.goal === goal.id && g.target === t && g.profile === profile),
      );
      if (checks.every((c) => c === undefined)) continue;
      const label = report.profiles.find((p) => p.id === profile)?.label ?? profile;
      rows.push([goal.label, label, ...checks.map((c) => (c ? goalCell(c, goal.unit) : 'n/a'))]);
    }
  }
  const bare = report.results.find((r) => r.target === 'bare-proxy' && r.profile === 'saturation-plain');
  const shares = targets.flatMap((t) => {
    const ours = report.results.find((r) => r.target === t && r.profile === 'saturation-plain');
    return ours && bare?.throughputRps ? [`${t} ${percent(ours.throughputRps / bare.throughputRps)}`] : [];
  });
  const shareNote = shares.length
    ? `\n\nSaturation as a share of the bare proxy's in this run: ${shares.join(', ')}. Hosts differ severalfold; ` +
      `the ${formatNumber(SATURATION_GOAL_RPS)} req/s target was ${percent(SATURATION_GOAL_SHARE)} of the bare proxy's saturation on the host it was set on.`
    : '';
  return `## Targets (issue 9)

Each target checked against this run: measured (limit). Latency limits relative to the bare proxy use its numbers from
the same run; CPU includes cluster mode's companions. Where a target is missed, the stage timings below say what the
gateway's own stages cost, and docs/performance.md where the rest goes.

${table(['target', 'profile', ...targets], rows)}${shareNote}`;
}

function goalCell(check: GoalCheck, unit: (typeof GOALS)[number]['unit']): string {
  const value = (n: number) =>
    unit === 'us'
      ? formatUs(n, true)
      : unit === 'rps'
        ? `${formatNumber(n)} req/s`
        : `${formatNumber(n, 3)} ms`;
  return `${check.met ? 'met' : '**missed**'}: ${value(check.measured)} (${value(check.limit)})`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function distributions(report: BenchReport): string {
  const blocks = report.profiles.map((profile) => {
    const rows = report.results
      .filter((r) => r.profile === profile.id)
      .map((r) => [
        r.target,
        formatNumber(r.requests),
        formatNumber(r.errors),
        formatUs(r.latencyUs.p50),
        formatUs(r.latencyUs.p90),
        formatUs(r.latencyUs.p99),
        formatUs(r.latencyUs.p999),
        formatUs(r.latencyUs.max),
        profile.stream ? `${formatUs(r.ttfbUs.p50)} / ${formatUs(r.ttfbUs.p99)}` : '',
        r.sendLagUs ? formatUs(r.sendLagUs.p99) : '',
        formatNumber(r.throughputRps),
      ]);
    return `### ${profile.label}\n\n${table(['target', 'requests', 'errors', 'P50', 'P90', 'P99', 'P99.9', 'max', 'TTFB P50 / P99', 'send lag P99', 'req/s'], rows)}`;
  });
  return `## Latency distributions\n\n${blocks.join('\n\n')}`;
}

function stageTimings(report: BenchReport): string {
  const gateways = report.targets.filter((t) => t.ran && t.name.startsWith('gateway'));
  if (gateways.length === 0) return '';
  const blocks = gateways.map((g) => {
    const stages = report.stages.find((s) => s.target === g.name);
    if (!stages)
      return `- ${g.name}: ${g.notes.find((n) => n.startsWith(NO_STAGE_TIMINGS)) ?? `${NO_STAGE_TIMINGS}the gateway recorded no verosek_stage_duration_seconds samples`}`;
    const rows = stages.rows.map((s) => [
      s.stage,
      formatNumber(s.count),
      formatUs(s.meanUs),
      formatUs(s.p50Us),
      formatUs(s.p99Us),
    ]);
    return `### ${g.name}\n\n${table(['stage', 'samples', 'mean', 'P50', 'P99'], rows)}`;
  });
  return `## Stage timings inside the gateway

From \`verosek_stage_duration_seconds\` on the gateway's /metrics, scraped before and after every step, summed over all
steps; percentiles are interpolated within the histogram's buckets (as histogram_quantile does).

${blocks.join('\n\n')}`;
}

function microBenchmarks(report: BenchReport): string {
  if (report.micro.length === 0) return '';
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const m of report.micro) {
    if (m.status === 'skipped') {
      rows.push([m.name, m.reason, '', '', '', '']);
      continue;
    }
    for (const r of m.rows)
      rows.push([
        m.name,
        r.label,
        formatNumber(r.calls),
        formatUs(r.meanUs),
        formatUs(r.p50Us),
        formatUs(r.p99Us),
      ]);
    notes.push(...m.notes.map((n) => `- ${m.name}: ${n}`));
  }
  return `## Micro-benchmarks (in-process, no HTTP)

${table(['area', 'what', 'calls', 'mean', 'P50', 'P99'], rows)}
${notes.length ? `\n${notes.join('\n')}` : ''}`;
}

function targetNotes(report: BenchReport): string {
  const lines = report.targets.map((t) =>
    t.ran
      ? `- **${t.name}**: ran.${t.notes.length ? ` ${t.notes.join('; ')}.` : ''}`
      : `- **${t.name}**: skipped — ${t.reason}`,
  );
  return `## Configurations\n\n${lines.join('\n')}`;
}

function errors(report: BenchReport): string {
  const failing = report.results.filter((r) => r.errors > 0);
  if (failing.length === 0) return '';
  const lines = failing.map(
    (r) =>
      `- ${r.target}, ${r.profile}: ${r.errors} errors; e.g. ${r.errorSamples.map((s) => `\`${s}\``).join(', ')}`,
  );
  return `## Errors\n\nFailed requests are counted, not timed.\n\n${lines.join('\n')}`;
}
