import type { Worker } from 'node:cluster';
import { type HubChannel, type PrimaryMessage, type WorkerMessage, isHubMessage } from './hub-protocol';

/** This worker process's end of its IPC channel to the primary (node:cluster or child_process fork). */
export function channelToPrimary(): HubChannel<PrimaryMessage, WorkerMessage> {
  if (!process.send) throw new Error('platform hub: this process has no IPC channel to a primary');
  return {
    send: (message) => {
      // Without a callback, a send on a closed channel would surface as an 'error' event on process.
      if (!process.connected) throw new Error('platform hub: the channel to the primary is closed');
      process.send!(message);
    },
    onMessage: (listener) => {
      const onMessage = (message: unknown) => {
        if (isHubMessage(message)) listener(message as PrimaryMessage);
      };
      process.on('message', onMessage);
      return () => process.off('message', onMessage);
    },
  };
}

/** The primary's end of its IPC channel to one cluster worker. */
export function channelToWorker(worker: Worker): HubChannel<WorkerMessage, PrimaryMessage> {
  return {
    send: (message) => {
      // A worker that just exited: the hub drops its state on 'exit'; nothing is waiting on this send.
      if (worker.isConnected()) worker.send(message);
    },
    onMessage: (listener) => {
      const onMessage = (message: unknown) => {
        if (isHubMessage(message)) listener(message as WorkerMessage);
      };
      worker.on('message', onMessage);
      return () => worker.off('message', onMessage);
    },
  };
}
