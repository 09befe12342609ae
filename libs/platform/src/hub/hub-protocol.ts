import type { QueueJob } from '../ports';

/*
 * Messages between a worker process and the primary that holds embedded mode's shared state (see
 * PlatformHub). On a node:cluster IPC channel they travel in tagged batches (ipc-channels.ts).
 */

/** The ports a worker reaches through the hub, and the operations each one answers. */
export const HUB_OPERATIONS = {
  cache: ['get', 'set', 'del'],
  counters: ['reserve', 'adjust', 'read', 'seed', 'slidingWindow', 'resizeGrant'],
  pubsub: ['publish', 'subscribe', 'unsubscribe'],
  queues: ['add', 'addBulk', 'depth', 'failed', 'consume', 'stopConsumer'],
} as const;

export type HubTarget = keyof typeof HUB_OPERATIONS;

export interface HubError {
  name: string;
  message: string;
}

/** Worker to primary. */
export type WorkerMessage =
  | { kind: 'call'; id: number; target: HubTarget; op: string; args: unknown[] }
  | { kind: 'job-done'; run: number; error?: string };

/** Primary to worker. */
export type PrimaryMessage =
  | { kind: 'result'; id: number; value?: unknown; error?: HubError }
  | { kind: 'message'; subscription: number; message: string }
  | { kind: 'job'; run: number; consumer: number; job: QueueJob<unknown> };

/** One end of an IPC channel (a cluster worker's `process`, or the primary's handle on a worker). */
export interface HubChannel<In, Out> {
  send(message: Out): void;
  /** Registers the listener for this end's hub messages; returns its removal. */
  onMessage(listener: (message: In) => void): () => void;
}

/** The error the caller sees: same class name and message as the primary's, so checks match. */
export function reviveError({ name, message }: HubError): Error {
  const error =
    name === 'TypeError'
      ? new TypeError(message)
      : name === 'RangeError'
        ? new RangeError(message)
        : new Error(message);
  if (error.name !== name) error.name = name;
  return error;
}

export function describeError(err: unknown): HubError {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'Error', message: String(err) };
}
