import { join } from 'node:path';
import type { BenchOptions } from '../cli/args';
import { LoadClient } from '../load/load-client';
import type { Profile } from '../plan/profiles';
import { sampleTrees } from '../probes/proc-stat';
import { parseSamples, sampleValue } from '../probes/prom-text';
import { scrapeText } from '../probes/stage-timings';
import { stepSpec } from '../run/measure-step';
import { Histogram } from '../stats/histogram';
import type { RunContext } from '../targets/run-context';
import { startEmbeddedGateway, startUpstream } from '../targets/start-targets';
import { DEFAULT_TREND_LIMITS, memoryVerdict, type MemoryVerdict } from './memory-trend';
import { writeSoakReport, type SoakSample } from './soak-report';

const WINDOW_MS = 5_000;
const MAX_WARMUP_SEC = 60;

/**
 * Soak: a steady open-loop rate on the embedded gateway, in windows of a few seconds (plain and streamed
 * alternating); after each window, RSS from /proc and event-loop delay from /metrics. Fails when memory
 * grows without bound (see memoryVerdict).
 */
export async function runSoak(
  options: BenchOptions,
  ctx: RunContext,
  command: string,
  log: (line: string) => void,
): Promise<{ passed: boolean; verdict: MemoryVerdict }> {
  const durationMs = options.soakMs!;
  const windowMs = Math.min(WINDOW_MS, durationMs / 4);
  const warmupSec = Math.min(MAX_WARMUP_SEC, durationMs / 4000);
  const startedAt = new Date();
  const upstream = await startUpstream(ctx);
  const samples: SoakSample[] = [];
  const notes: string[] = [];
  try {
    const gateway = await startEmbeddedGateway(ctx);
    notes.push(...gateway.notes);
    const load = LoadClient.start();
    try {
      const start = Date.now();
      for (let i = 0; ; i++) {
        const remainingMs = durationMs - (Date.now() - start);
        if (remainingMs < windowMs / 2) break; // a sliver of a window would be a noisy sample
        const profile: Profile = {
          id: 'soak',
          label: 'soak',
          shape: { kind: 'open', rate: options.soakRate },
          stream: i % 2 === 1,
        };
        const result = await load.run(stepSpec(gateway, profile, Math.min(windowMs, remainingMs)));
        const latency = Histogram.fromSnapshot(result.latencyUs);
        const sample: SoakSample = {
          tSec: (Date.now() - start) / 1000,
          rssBytes: sampleTrees(gateway.hopPids).rssBytes,
          ok: result.ok,
          errors: result.errors,
          p50Us: latency.percentile(50),
          p99Us: latency.percentile(99),
          ...(gateway.metricsUrl ? await runtimeGauges(gateway.metricsUrl) : {}),
        };
        samples.push(sample);
        log(
          `soak t=${sample.tSec.toFixed(0)}s rss ${(sample.rssBytes / 2 ** 20).toFixed(1)} MB` +
            `${sample.loopDelayP99Ms === undefined ? '' : ` loop p99 ${sample.loopDelayP99Ms.toFixed(2)} ms`}` +
            ` ok ${result.ok} errors ${result.errors}`,
        );
      }
    } finally {
      load.stop();
      await gateway.stop();
    }
  } finally {
    await upstream.stop();
  }
  if (samples.some((s) => s.loopDelayP99Ms === undefined))
    notes.push(
      'event-loop delay not available: the gateway has no /metrics with nodejs_eventloop_lag_p99_seconds',
    );
  const verdict = memoryVerdict(samples, { warmupSec, ...DEFAULT_TREND_LIMITS });
  const md = writeSoakReport(options.outDir, {
    startedAt: startedAt.toISOString(),
    command,
    durationMs,
    rate: options.soakRate,
    workers: options.workers,
    warmupSec,
    samples,
    verdict,
    notes,
  });
  log(`soak memory ${verdict.outcome}: ${verdict.reason}`);
  log(`report: ${md} (${join(options.outDir, 'soak-latest.json')})`);
  return { passed: verdict.outcome !== 'growing', verdict };
}

/** Event-loop delay and heap from prom-client's default metrics; missing ones are left out. */
async function runtimeGauges(
  metricsUrl: string,
): Promise<Pick<SoakSample, 'loopDelayP99Ms' | 'heapUsedBytes'>> {
  try {
    const samples = parseSamples(await scrapeText(metricsUrl));
    const lag = sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds');
    const heap = sampleValue(samples, 'nodejs_heap_size_used_bytes');
    return {
      ...(lag === undefined ? {} : { loopDelayP99Ms: lag * 1000 }),
      ...(heap === undefined ? {} : { heapUsedBytes: heap }),
    };
  } catch {
    return {};
  }
}
