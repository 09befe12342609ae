import { Logger } from '@nestjs/common';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGLITE_HOST_SOURCE } from './pglite-host.worker-source';

/** `dataDir` value for a database that lives in memory only. */
export const IN_MEMORY = 'memory://';

/**
 * How many sockets the server accepts by default. The app's own pool uses one (see EMBEDDED_POOL_SIZE);
 * the spare ones absorb a reconnect racing the old socket's cleanup, and let an operator attach psql.
 */
const MAX_SOCKETS = 4;

export interface EmbeddedPostgresOptions {
  /** Sockets the server accepts at once (default 4); more are refused. */
  maxConnections?: number;
  /**
   * When PGlite's thread leaves background priority: its event loop ran more than catchUpAfterMs
   * late (default 200); and how long it then stays at normal priority at least (holdMs, default 2000).
   */
  priority?: { catchUpAfterMs?: number; holdMs?: number };
}

export interface EmbeddedPostgres {
  /** postgres:// URL of the socket server on 127.0.0.1. */
  readonly url: string;
  /** The kernel's id of PGlite's thread (Linux; undefined elsewhere). */
  readonly threadId: number | undefined;
  /** Stops the socket server, closes PGlite (flushing it to dataDir) and ends its thread. */
  stop(): Promise<void>;
}

type HostMessage =
  | { type: 'listening'; address: string; threadId?: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

/** What the thread says of its CPU priority (thread-priority.worker-source.ts), at any time. */
interface PriorityMessage {
  type: 'priority';
  mode: 'background' | 'normal' | 'unavailable' | 'failed';
  why: string;
}

/**
 * Starts PGlite (Postgres in WASM) persisted in `dataDir` (or in memory) in a worker thread, serving
 * the Postgres wire protocol on 127.0.0.1 and a free port, so `pg` and TypeORM use it like any Postgres.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  { maxConnections = MAX_SOCKETS, priority }: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const location = dataDir === IN_MEMORY ? IN_MEMORY : resolve(dataDir);
  if (location !== IN_MEMORY) await mkdir(location, { recursive: true });

  const logger = new Logger('EmbeddedPostgres');
  const worker = new Worker(PGLITE_HOST_SOURCE, {
    eval: true,
    workerData: {
      pglitePath: require.resolve('@electric-sql/pglite'),
      dataDir: location,
      maxConnections,
      priority,
    },
  });
  worker.on('message', (message: HostMessage | PriorityMessage) => {
    if (message.type === 'priority') logPriority(logger, message);
  });
  const exited = new Promise<number>((resolveExit) => worker.once('exit', resolveExit));
  let stopping = false;
  void exited.then((code) => {
    if (!stopping) logger.error(`PGlite thread ended unexpectedly (exit code ${code}); the database is gone`);
  });

  const started = await reply(worker, exited);
  if (started.type !== 'listening') {
    throw new Error(`embedded postgres (${location}) did not start: ${describe(started)}`);
  }
  logger.log(`PGlite (${location}) listening on ${started.address}`);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres@${started.address}/postgres`,
    threadId: started.threadId,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        worker.postMessage('stop');
        const result = await reply(worker, exited);
        await exited;
        if (result.type !== 'stopped')
          throw new Error(`embedded postgres did not stop cleanly: ${describe(result)}`);
      })()),
  };
}

/** The worker's next message; a crash or exit before it counts as a failure. */
function reply(worker: Worker, exited: Promise<number>): Promise<HostMessage> {
  return new Promise<HostMessage>((resolveReply) => {
    const onMessage = (message: HostMessage | PriorityMessage) => {
      if (message.type !== 'priority') done(message);
    };
    const onError = (err: Error) => done({ type: 'failed', message: err.message });
    const done = (message: HostMessage) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolveReply(message);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    void exited.then((code) => done({ type: 'failed', message: `thread exited with code ${code}` }));
  });
}

/** Going back to normal priority is routine under load: debug, not a warning. */
function logPriority(logger: Logger, { mode, why }: PriorityMessage): void {
  if (mode === 'unavailable') logger.log(`PGlite's thread stays at normal CPU priority: ${why}`);
  else if (mode === 'failed') logger.warn(`PGlite's thread priority no longer follows its load: ${why}`);
  else if (why === 'start') logger.log(`PGlite's thread runs at background CPU priority (SCHED_IDLE)`);
  else logger.debug(`PGlite's thread at ${mode} CPU priority: ${why}`);
}

function describe(message: HostMessage): string {
  return message.type === 'failed' ? message.message : `unexpected reply "${message.type}"`;
}
