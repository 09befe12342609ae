import { join } from 'node:path';

/** What every target needs to start: where logs and data go, and how the gateway is configured. */
export interface RunContext {
  /** Repository root (the compiled apps are under <root>/dist). */
  root: string;
  /** Scratch directory of this run: logs, config, embedded data. */
  runDir: string;
  masterKey: string;
  /** VEROSEK_WORKERS passed to the gateway. */
  workers: number;
  upstreamLatencyMs: number;
  redisUrl: string;
  databaseUrl: string;
}

export function appMain(ctx: RunContext, app: string): string {
  return join(ctx.root, 'dist', 'apps', app, 'src', 'main.js');
}

export function benchMain(relative: string): string {
  return join(__dirname, '..', relative);
}
