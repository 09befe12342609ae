import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PubSubPort, Unsubscribe } from '../ports';
import { requireKey } from '../validation';

type Handler = (message: string) => void;

interface Channel {
  handlers: Set<Handler>;
  /** Settles when Redis acknowledged SUBSCRIBE: messages published after that reach the handlers. */
  subscribed: Promise<unknown>;
}

/**
 * PubSubPort on Redis. Publishes on the shared command connection; listens on a dedicated subscriber
 * connection (a connection in subscribe mode can run nothing else), which ioredis re-subscribes to every
 * channel after a reconnect. Messages published while that connection is down are lost (fire-and-forget).
 */
export class RedisPubSub implements PubSubPort {
  private readonly logger = new Logger(RedisPubSub.name);
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  async publish(channel: string, message: string): Promise<void> {
    requireKey(channel, 'pubsub.publish: channel');
    if (typeof message !== 'string') throw new TypeError(`pubsub.publish: message must be a string`);
    await this.publisher.publish(channel, message);
  }

  async subscribe(channel: string, handler: Handler): Promise<Unsubscribe> {
    requireKey(channel, 'pubsub.subscribe: channel');
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { handlers: new Set(), subscribed: this.subscriber.subscribe(channel) };
      this.channels.set(channel, entry);
    }
    entry.handlers.add(handler);
    if (this.subscriber.status !== 'ready') {
      // Redis is down: don't hold the caller (a process booting, say) until it is back. The offline
      // queue sends the SUBSCRIBE when the connection returns.
      entry.subscribed.catch(() => undefined);
      return () => this.removeHandler(channel, handler);
    }
    try {
      await entry.subscribed;
    } catch (err) {
      entry.handlers.delete(handler);
      if (entry.handlers.size === 0 && this.channels.get(channel) === entry) this.channels.delete(channel);
      throw err;
    }
    return () => this.removeHandler(channel, handler);
  }

  private async removeHandler(channel: string, handler: Handler): Promise<void> {
    const entry = this.channels.get(channel);
    if (!entry?.handlers.delete(handler) || entry.handlers.size > 0) return;
    this.channels.delete(channel);
    // Without a connection there is nothing to unsubscribe from, and the command would wait for one.
    if (this.subscriber.status !== 'ready') return;
    await this.subscriber.unsubscribe(channel);
  }

  private dispatch(channel: string, message: string): void {
    for (const handler of this.channels.get(channel)?.handlers ?? []) {
      try {
        handler(message);
      } catch (err) {
        this.logger.error(`handler for channel "${channel}" threw: ${(err as Error).message}`);
      }
    }
  }
}
