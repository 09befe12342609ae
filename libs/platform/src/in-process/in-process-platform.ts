import type { Platform } from '../ports';
import { InProcessCache } from './in-process-cache';
import { InProcessCounters } from './in-process-counters';
import { InProcessPubSub } from './in-process-pubsub';
import { InProcessQueueFactory } from './in-process-queues';

/** The in-process adapters (embedded mode): state lives in this process only. */
export class InProcessPlatform implements Platform {
  readonly cache = new InProcessCache();
  readonly counters = new InProcessCounters();
  readonly pubsub = new InProcessPubSub();
  readonly queues = new InProcessQueueFactory();

  async close(): Promise<void> {
    await this.queues.close();
  }
}
