import { serveClusterMetrics } from '@verosek/gateway/metrics';
import cluster, { type Worker } from 'node:cluster';

export interface SupervisorOptions {
  workers: number;
  /** Added to every worker's environment. */
  workerEnv?: Record<string, string>;
  /** Called with each worker as it is forked (a replacement included). */
  onFork?: (worker: Worker) => void;
  /** Runs once every worker has exited, before the primary exits (closing what it holds for them). */
  beforeExit?: () => Promise<void>;
  /** How long the workers get to finish in-flight calls after a stop signal before they are killed. */
  shutdownGraceMs?: number;
  log?: (line: string) => void;
}

/**
 * The primary process of VEROSEK_WORKERS > 1: forks the workers (each runs bootstrapGateway and
 * listens on the same port; node:cluster hands connections to them in turn), replaces a worker that
 * dies while serving, gathers their metrics for /metrics, and stops them all on SIGTERM or SIGINT.
 *
 * A worker that dies before it ever listened failed at start-up (bad config, database down): forking
 * it again would fail the same way, so the primary stops the others and exits 1 instead.
 */
export function superviseWorkers({
  workers,
  workerEnv,
  onFork,
  beforeExit,
  shutdownGraceMs = 30_000,
  log = console.log,
}: SupervisorOptions): void {
  let stopping = false;
  let exitCode = 0;
  let exiting: Promise<void> | undefined;
  const exit = (): Promise<void> =>
    (exiting ??= (async () => {
      try {
        await beforeExit?.();
      } catch (err) {
        log(`verosek: closing the primary failed: ${(err as Error).message}`);
        exitCode = 1;
      }
      process.exit(exitCode);
    })());
  const listening = new WeakSet<Worker>();
  const alive = (): Worker[] =>
    Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

  const fork = (): void => {
    const worker = cluster.fork(workerEnv);
    onFork?.(worker);
    worker.once('listening', () => listening.add(worker));
  };

  /**
   * Each worker drains through Nest's shutdown hooks on the signal it receives. `forward` is false for
   * SIGINT: a terminal's Ctrl-C already reached every process of the group, and a second signal during
   * the drain would kill a worker outright (Nest removes its handlers once the first one fired).
   */
  const stopAll = (forward: NodeJS.Signals | undefined): void => {
    stopping = true;
    const workersNow = alive();
    if (workersNow.length === 0) return void exit();
    if (forward) for (const worker of workersNow) worker.process.kill(forward);
    setTimeout(() => {
      for (const worker of alive()) worker.process.kill('SIGKILL');
      void exit();
    }, shutdownGraceMs).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) void exit();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!listening.has(worker)) {
      log(`verosek: worker ${worker.process.pid} failed to start (${how}); stopping`);
      exitCode = 1;
      stopAll('SIGTERM');
      return;
    }
    log(`verosek: worker ${worker.process.pid} died (${how}); starting a new one`);
    fork();
  });

  serveClusterMetrics();
  process.once('SIGTERM', () => stopAll('SIGTERM'));
  process.once('SIGINT', () => stopAll(undefined));
  for (let i = 0; i < workers; i++) fork();
  log(`verosek: api-gateway primary ${process.pid} supervising ${workers} workers`);
}
