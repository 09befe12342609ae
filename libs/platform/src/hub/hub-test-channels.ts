import type { HubChannel, PrimaryMessage, WorkerMessage } from './hub-protocol';

/**
 * Both ends of an in-memory channel that behaves like a node:cluster IPC channel: delivery on a later
 * turn of the event loop, every message through JSON. `disconnect` closes it as a worker's exit would.
 */
export function channelPair(): {
  worker: HubChannel<PrimaryMessage, WorkerMessage>;
  primary: HubChannel<WorkerMessage, PrimaryMessage>;
  disconnect(): void;
} {
  let connected = true;
  const toWorker = new Set<(message: PrimaryMessage) => void>();
  const toPrimary = new Set<(message: WorkerMessage) => void>();
  const end = <In, Out>(
    inbox: Set<(message: In) => void>,
    outbox: Set<(message: Out) => void>,
  ): HubChannel<In, Out> => ({
    send: (message) => {
      if (!connected) throw new Error('channel closed');
      const wire = JSON.stringify(message);
      setImmediate(() => {
        if (connected) for (const listener of outbox) listener(JSON.parse(wire) as Out);
      });
    },
    onMessage: (listener) => {
      inbox.add(listener);
      return () => inbox.delete(listener);
    },
  });
  return {
    worker: end(toWorker, toPrimary),
    primary: end(toPrimary, toWorker),
    disconnect: () => (connected = false),
  };
}
