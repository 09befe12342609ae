import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../cli/duration';
import { formatNumber, formatUs, table } from '../report/format';
import { timeSeriesChart } from '../report/time-series-chart';
import type { MemoryVerdict } from './memory-trend';

/** One window of the soak: the load's latency and the gateway's memory and event loop after it. */
export interface SoakSample {
  tSec: number;
  rssBytes: number;
  heapUsedBytes?: number;
  /** P99 event-loop delay from the gateway's /metrics (prom-client default metrics). */
  loopDelayP99Ms?: number;
  ok: number;
  errors: number;
  p50Us: number;
  p99Us: number;
}

export interface SoakReport {
  startedAt: string;
  command: string;
  durationMs: number;
  rate: number;
  workers: number;
  warmupSec: number;
  samples: SoakSample[];
  verdict: MemoryVerdict;
  notes: string[];
}

const MB = 1024 * 1024;

export function writeSoakReport(outDir: string, report: SoakReport): string {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'soak-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const series = (pick: (s: SoakSample) => number | undefined) =>
    report.samples.flatMap((s): [number, number][] => {
      const v = pick(s);
      return v === undefined ? [] : [[s.tSec, v]];
    });
  writeFileSync(
    join(outDir, 'soak-latest.svg'),
    timeSeriesChart(
      `Soak: ${report.rate} req/s on gateway-embedded for ${formatDuration(report.durationMs)}`,
      [
        {
          title: 'memory (MB)',
          series: [
            { name: 'RSS', points: series((s) => s.rssBytes / MB) },
            {
              name: 'JS heap used',
              points: series((s) => (s.heapUsedBytes === undefined ? undefined : s.heapUsedBytes / MB)),
            },
          ],
        },
        {
          title: 'event-loop delay P99 (ms)',
          series: [{ name: 'loop delay', points: series((s) => s.loopDelayP99Ms) }],
        },
        {
          title: 'request latency P99 (ms)',
          series: [{ name: 'latency P99', points: series((s) => s.p99Us / 1000) }],
        },
      ],
    ),
  );
  const md = join(outDir, 'soak-latest.md');
  writeFileSync(md, soakMarkdown(report));
  return md;
}

function soakMarkdown(r: SoakReport): string {
  const v = r.verdict;
  const rows = r.samples.map((s) => [
    `${s.tSec.toFixed(0)} s`,
    formatNumber(s.rssBytes / MB, 1),
    s.heapUsedBytes === undefined ? 'n/a' : formatNumber(s.heapUsedBytes / MB, 1),
    s.loopDelayP99Ms === undefined ? 'n/a' : formatNumber(s.loopDelayP99Ms, 2),
    formatNumber(s.ok),
    formatNumber(s.errors),
    formatUs(s.p50Us),
    formatUs(s.p99Us),
  ]);
  return `# Verosek soak — ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC

\`${r.command}\`: ${r.rate} req/s (plain and streamed windows alternating) on gateway-embedded for
${formatDuration(r.durationMs)}, VEROSEK_WORKERS=${r.workers}; the first ${r.warmupSec} s are warm-up.

**Memory: ${v.outcome.toUpperCase()}** — ${v.reason}. Post-warm-up RSS ${formatNumber(v.baselineRssBytes / MB, 1)} MB,
final ${formatNumber(v.finalRssBytes / MB, 1)} MB, slope ${formatNumber(v.slopeBytesPerSec / 1024, 1)} KiB/s over ${v.samplesJudged} samples.
${r.notes.length ? `\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
![soak](soak-latest.svg)

${table(['t', 'RSS MB', 'heap used MB', 'loop delay P99 ms', 'ok', 'errors', 'P50', 'P99'], rows)}
`;
}
