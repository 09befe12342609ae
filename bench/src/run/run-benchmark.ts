import { cpus, loadavg, platform, release } from 'node:os';
import type { BenchOptions } from '../cli/args';
import { LoadClient } from '../load/load-client';
import { runMicroBenchmarks } from '../micro/run-micro';
import type { MicroResult } from '../micro/micro-result';
import { benchProfiles } from '../plan/profiles';
import type { BenchReport, RunMeta, TargetReport } from '../report/bench-report';
import { buildReport } from '../report/build-report';
import type { RunContext } from '../targets/run-context';
import { startUpstream } from '../targets/start-targets';
import type { Target } from '../targets/target';
import type { Measurement } from './measurement';
import { runRounds } from './run-rounds';
import { startTargets } from './start-all';

/** The whole benchmark: micro-benchmarks, then the targets under every profile, interleaved. */
export async function runBenchmark(
  options: BenchOptions,
  ctx: RunContext,
  command: string,
  log: (line: string) => void,
): Promise<BenchReport> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  const micro: MicroResult[] = options.micro ? await runMicroBenchmarks({ quick: options.quick }, log) : [];
  const profiles = benchProfiles(options.saturationConnections);

  let measurements: Measurement[] = [];
  let targetReports: TargetReport[] = [];
  if (options.endToEnd) {
    const upstream = await startUpstream(ctx);
    let started: Target[] = [];
    let load: LoadClient | undefined;
    try {
      const startup = await startTargets(ctx, upstream, options.targets, log);
      started = startup.started;
      targetReports = [
        ...started.map((t) => ({ name: t.name, ran: true, notes: t.notes })),
        ...startup.skipped.map((s) => ({ name: s.name, ran: false, reason: s.reason, notes: [] })),
      ];
      if (!started.some((t) => t.name === 'direct'))
        throw new Error('the direct target did not start: nothing to compare against');
      load = LoadClient.start();
      measurements = await runRounds(
        load,
        started,
        {
          profiles,
          rounds: options.rounds,
          durationMs: options.durationMs,
          warmupMs: options.warmupMs,
          warmupProfiles: profiles.filter((p) => p.id.startsWith('saturation')),
        },
        log,
      );
    } finally {
      load?.stop();
      for (const target of started) await target.stop();
      await upstream.stop();
    }
  }

  const meta: RunMeta = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command,
    node: process.versions.node,
    platform: `${platform()} ${release()}`,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    stepDurationMs: options.durationMs,
    rounds: options.rounds,
    warmupMs: options.warmupMs,
    workers: options.workers,
    upstreamLatencyMs: options.upstreamLatencyMs,
    saturationConnections: options.saturationConnections,
  };
  return buildReport(meta, targetReports, options.endToEnd ? profiles : [], measurements, micro);
}
