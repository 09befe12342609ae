import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, USAGE, type BenchOptions } from './cli/args';
import { writeBenchReport } from './report/write-report';
import { runBenchmark } from './run/run-benchmark';
import { runSoak } from './soak/run-soak';
import type { RunContext } from './targets/run-context';

/** dist/bench/src -> the repository root. */
const ROOT = resolve(__dirname, '..', '..', '..');

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function runContext(options: BenchOptions): RunContext {
  return {
    root: ROOT,
    runDir: mkdtempSync(join(tmpdir(), 'verosek-bench-')),
    masterKey: `vsk-master-bench-${randomBytes(12).toString('hex')}`,
    workers: options.workers,
    upstreamLatencyMs: options.upstreamLatencyMs,
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11',
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = parseArgs(argv, join(ROOT, 'bench', 'results'));
  const ctx = runContext(options);
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  log(`scratch directory (logs, config, data): ${ctx.runDir}`);
  let keepScratch = false;
  try {
    if (options.soakMs !== undefined) {
      const verdict = await runSoak(options, ctx, command, log);
      keepScratch = !verdict.passed;
      return verdict.passed ? 0 : 1;
    }
    const report = await runBenchmark(options, ctx, command, log);
    const md = writeBenchReport(options.outDir, report);
    log(`report: ${md}`);
    keepScratch = report.targets.some((t) => !t.ran);
    return 0;
  } catch (err) {
    keepScratch = true;
    throw err;
  } finally {
    if (keepScratch) log(`logs kept in ${ctx.runDir}`);
    else rmSync(ctx.runDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    log(`failed: ${err.message}`);
    process.exit(1);
  },
);
