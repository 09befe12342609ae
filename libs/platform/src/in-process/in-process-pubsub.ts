import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { PubSubPort, Unsubscribe } from '../ports';
import { requireKey } from '../validation';

/**
 * PubSubPort for one process. Delivery is asynchronous (never inside `publish`) and in publish order,
 * as with Redis, so code behaves the same under both adapters.
 */
export class InProcessPubSub implements PubSubPort {
  private readonly logger = new Logger(InProcessPubSub.name);
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: string): Promise<void> {
    requireKey(channel, 'pubsub.publish: channel');
    if (typeof message !== 'string') throw new TypeError(`pubsub.publish: message must be a string`);
    setImmediate(() => this.emitter.emit(channel, message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe> {
    requireKey(channel, 'pubsub.subscribe: channel');
    const listener = (message: string) => {
      try {
        handler(message);
      } catch (err) {
        this.logger.error(`handler for channel "${channel}" threw: ${(err as Error).message}`);
      }
    };
    this.emitter.on(channel, listener);
    return async () => {
      this.emitter.off(channel, listener);
    };
  }
}
