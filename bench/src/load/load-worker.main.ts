import { Pool } from 'undici';
import { driveClosedLoop, driveOpenLoop } from './drive-load';
import type { StepResult, StepSpec, WorkerReply, WorkerRequest } from './load-protocol';
import type { PreparedTarget } from './send-request';
import { sequencedBodies } from '../workload/sequenced-body';

/** Connections for an open-loop step: enough that requests queue in the server, not in the generator. */
const OPEN_LOOP_CONNECTIONS = 512;

/**
 * The load generator, forked by the bench so that it never shares an event loop with the servers it
 * measures. Runs one step per 'run' message, with a fresh connection pool per step.
 */
async function runStep(step: StepSpec): Promise<StepResult> {
  const connections = step.shape.kind === 'closed' ? step.shape.concurrency : OPEN_LOOP_CONNECTIONS;
  const pool = new Pool(step.target.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const target: PreparedTarget = {
    path: step.target.path,
    headers: { 'content-type': 'application/json', ...step.target.headers },
    nextBody: sequencedBodies(step.target.body),
    stream: step.stream,
  };
  try {
    return step.shape.kind === 'closed'
      ? await driveClosedLoop(pool, target, step.shape.concurrency, step.durationMs)
      : await driveOpenLoop(pool, target, step.shape.rate, step.durationMs);
  } finally {
    await pool.close();
  }
}

process.on('message', (message: WorkerRequest) => {
  if (message?.type !== 'run') return;
  runStep(message.step).then(
    (result) => process.send?.({ type: 'result', id: message.id, result } satisfies WorkerReply),
    (err: Error) =>
      process.send?.({ type: 'failed', id: message.id, message: err.message } satisfies WorkerReply),
  );
});
process.once('disconnect', () => process.exit(0));
