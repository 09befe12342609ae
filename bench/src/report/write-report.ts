import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './bench-report';
import { markdownReport } from './markdown-report';
import { percentileChart } from './percentile-chart';

/** Writes latest.json, latest.md and latest.svg under `outDir`; returns the markdown's path. */
export function writeBenchReport(outDir: string, report: BenchReport): string {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.svg'), percentileChart(report));
  const md = join(outDir, 'latest.md');
  writeFileSync(md, markdownReport(report, 'latest.svg'));
  return md;
}
