import { TARGET_NAMES, type TargetName } from '../targets/target';
import { parseDuration } from './duration';

export interface BenchOptions {
  /** Soak: steady load on the embedded gateway for this long, watching memory. */
  soakMs?: number;
  /** Requests per second of the soak. */
  soakRate: number;
  /** Measured time of one step (one target under one profile, one round). */
  durationMs: number;
  rounds: number;
  /** Unmeasured load per target and per plain/streamed before the rounds. */
  warmupMs: number;
  /** VEROSEK_WORKERS for the gateway. */
  workers: number;
  upstreamLatencyMs: number;
  saturationConnections: number;
  targets: TargetName[];
  micro: boolean;
  endToEnd: boolean;
  quick: boolean;
  /** Where latest.md / latest.json / latest.svg go. */
  outDir: string;
}

export const USAGE = `npm run bench -- [options]

  --quick                   smoke run (~30 s): 1 round of 0.5 s steps
  --duration <d>            measured time per step (default 1.5s; units ms, s, m)
  --rounds <n>              interleaved rounds (default 2)
  --warmup <d>              unmeasured saturation load per target, plain and streamed each,
                            before the rounds (default 10s: see docs/performance.md)
  --targets <list>          comma-separated subset of ${TARGET_NAMES.join(', ')}
  --workers <n>             VEROSEK_WORKERS for the gateway (default 1)
  --upstream-latency <d>    fake upstream delay before answering (default 0ms)
  --connections <n>         requests in flight at saturation (default 32)
  --no-micro                skip the in-process micro-benchmarks
  --micro-only              only the micro-benchmarks
  --soak <d>                soak mode: steady load on the embedded gateway for <d> (e.g. 10m)
  --rate <n>                soak request rate per second (default 100)
  --out <dir>               results directory (default bench/results)
`;

function positiveInteger(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${field} must be a positive integer (got ${JSON.stringify(value)})`);
  return n;
}

function targetList(value: string): TargetName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(TARGET_NAMES as readonly string[]).includes(name)) {
      throw new Error(
        `--targets: unknown target ${JSON.stringify(name)} (known: ${TARGET_NAMES.join(', ')})`,
      );
    }
  }
  if (!names.includes('direct'))
    throw new Error('--targets must include direct: every added latency is measured against it');
  return TARGET_NAMES.filter((t) => names.includes(t));
}

/** Parses the command line; throws with the flag's name on bad input. `--help` is the caller's business. */
export function parseArgs(argv: string[], defaultOutDir: string): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    soakRate: 100,
    durationMs: quick ? 500 : 1500,
    rounds: quick ? 1 : 2,
    warmupMs: quick ? 250 : 10_000,
    workers: 1,
    upstreamLatencyMs: 0,
    saturationConnections: 32,
    targets: [...TARGET_NAMES],
    micro: true,
    endToEnd: true,
    quick,
    outDir: defaultOutDir,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--duration':
        options.durationMs = parseDuration(value(), flag);
        break;
      case '--rounds':
        options.rounds = positiveInteger(value(), flag);
        break;
      case '--warmup':
        options.warmupMs = parseDuration(value(), flag);
        break;
      case '--targets':
        options.targets = targetList(value());
        break;
      case '--workers':
        options.workers = positiveInteger(value(), flag);
        break;
      case '--upstream-latency':
        options.upstreamLatencyMs = parseDuration(value(), flag);
        break;
      case '--connections':
        options.saturationConnections = positiveInteger(value(), flag);
        break;
      case '--no-micro':
        options.micro = false;
        break;
      case '--micro-only':
        options.endToEnd = false;
        break;
      case '--soak':
        options.soakMs = parseDuration(value(), flag);
        break;
      case '--rate':
        options.soakRate = positiveInteger(value(), flag);
        break;
      case '--out':
        options.outDir = value();
        break;
      default:
        throw new Error(`unknown option ${JSON.stringify(flag)}`);
    }
  }
  if (!options.micro && !options.endToEnd)
    throw new Error('--no-micro and --micro-only leave nothing to run');
  return options;
}
