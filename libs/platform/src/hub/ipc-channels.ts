import type { Worker } from 'node:cluster';
import type { HubChannel, PrimaryMessage, WorkerMessage } from './hub-protocol';

/** Tells the hub's batches apart from node:cluster's own messages on the same channel. */
const HUB_TAG = 'verosek-platform-hub';

/** What crosses the IPC channel: every hub message one side sent in one turn of its event loop. */
interface HubBatch<M> {
  hub: typeof HUB_TAG;
  batch: M[];
}

/** This worker process's end of its IPC channel to the primary (node:cluster or child_process fork). */
export function channelToPrimary(): HubChannel<PrimaryMessage, WorkerMessage> {
  if (!process.send) throw new Error('platform hub: this process has no IPC channel to a primary');
  const send = batching<WorkerMessage>((batch) => {
    if (process.connected) process.send!(batch);
  });
  return {
    send: (message) => {
      // The caller's promise fails now rather than waiting for an answer that cannot come.
      if (!process.connected) throw new Error('platform hub: the channel to the primary is closed');
      send(message);
    },
    onMessage: (listener) => listen(process, listener),
  };
}

/** The primary's end of its IPC channel to one cluster worker. */
export function channelToWorker(worker: Worker): HubChannel<WorkerMessage, PrimaryMessage> {
  return {
    // A worker that just exited: the hub drops its state on 'exit'; nothing waits on these messages.
    send: batching<PrimaryMessage>((batch) => {
      if (worker.isConnected()) worker.send(batch);
    }),
    onMessage: (listener) => listen(worker, listener),
  };
}

/**
 * Messages sent during one turn of the event loop leave together, on the next: under load one write and
 * one wake-up of the other process carry several calls' messages instead of one each.
 */
function batching<M>(write: (batch: HubBatch<M>) => void): (message: M) => void {
  let outbox: M[] = [];
  const flush = () => {
    const batch = outbox;
    outbox = [];
    write({ hub: HUB_TAG, batch });
  };
  return (message) => {
    if (outbox.push(message) === 1) setImmediate(flush);
  };
}

interface MessageSource {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

function listen<M>(source: MessageSource, listener: (message: M) => void): () => void {
  const onMessage = (message: unknown) => {
    if ((message as Partial<HubBatch<M>> | null)?.hub === HUB_TAG) {
      for (const each of (message as HubBatch<M>).batch) listener(each);
    }
  };
  source.on('message', onMessage);
  return () => source.off('message', onMessage);
}
