import { Logger } from '@nestjs/common';
import type {
  BudgetWindow,
  CachePort,
  CountersPort,
  FailedJob,
  Platform,
  PubSubPort,
  QueueConsumer,
  QueueConsumerOptions,
  QueueFactory,
  QueueJob,
  QueueProducer,
  RateLimitResult,
  ReserveResult,
  Unsubscribe,
} from '../ports';
import { requireConsumerOptions, requireQueueName } from '../validation';
import {
  type HubChannel,
  type HubTarget,
  type PrimaryMessage,
  type WorkerMessage,
  reviveError,
} from './hub-protocol';

type PrimaryChannel = HubChannel<PrimaryMessage, WorkerMessage>;
type Handler = (job: QueueJob<unknown>) => Promise<void>;

/**
 * A worker's adapters in embedded mode with several workers: every port call goes to the primary's
 * PlatformHub over the IPC channel, so all workers share one set of budgets, rate limits, cache,
 * pub/sub and queues. Argument checks run in the primary's in-process adapters; their errors come back
 * with the same class and message.
 */
export class HubPlatform implements Platform {
  readonly cache: CachePort;
  readonly counters: CountersPort;
  readonly pubsub: PubSubPort;
  readonly queues: QueueFactory;
  private readonly client: HubClient;

  constructor(channel: PrimaryChannel) {
    this.client = new HubClient(channel);
    const call = this.client.call.bind(this.client);
    this.cache = {
      get: (key) => call('cache', 'get', [key]),
      set: (key, value, ttlMs) => call('cache', 'set', [key, value, ttlMs]),
      del: (key) => call('cache', 'del', [key]),
    };
    this.counters = {
      reserve: (windows: BudgetWindow[], amount: number) =>
        call<ReserveResult>('counters', 'reserve', [windows, amount]),
      adjust: (windows, delta) => call('counters', 'adjust', [windows, delta]),
      read: (keys) => call('counters', 'read', [keys]),
      seed: (key, value, ttlMs) => call('counters', 'seed', [key, value, ttlMs]),
      slidingWindow: (key, windowMs, limit, cost) =>
        call<RateLimitResult>('counters', 'slidingWindow', [key, windowMs, limit, cost]),
      resizeGrant: (key, grant, cost) => call('counters', 'resizeGrant', [key, grant, cost]),
    };
    this.pubsub = {
      publish: (channelName, message) => call('pubsub', 'publish', [channelName, message]),
      subscribe: (channelName, handler) => this.client.subscribe(channelName, handler),
    };
    this.queues = new HubQueueFactory(this.client);
  }

  async close(): Promise<void> {
    await this.queues.close();
    this.client.close();
  }
}

class HubQueueFactory implements QueueFactory {
  private readonly consumers = new Set<QueueConsumer>();

  constructor(private readonly client: HubClient) {}

  producer<T>(queue: string): QueueProducer<T> {
    requireQueueName(queue);
    const call = this.client.call.bind(this.client);
    return {
      add: (job) => call('queues', 'add', [queue, job]),
      addBulk: (jobs) => call('queues', 'addBulk', [queue, jobs]),
      depth: () => call('queues', 'depth', [queue]),
      failed: (limit?: number) => call<FailedJob<T>[]>('queues', 'failed', [queue, limit]),
      close: async () => undefined,
    };
  }

  consume<T>(
    queue: string,
    handler: (job: QueueJob<T>) => Promise<void>,
    options: QueueConsumerOptions = {},
  ): QueueConsumer {
    requireQueueName(queue);
    const consumer = this.client.consume(queue, handler as Handler, requireConsumerOptions(options));
    this.consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.close()));
  }
}

/** Calls to the primary by id, and what the primary sends on its own: pub/sub messages and jobs. */
class HubClient {
  private readonly logger = new Logger(HubPlatform.name);
  private readonly pending = new Map<
    number,
    { resolve: (value: never) => void; reject: (err: Error) => void }
  >();
  private readonly subscriptions = new Map<number, (message: string) => void>();
  private readonly handlers = new Map<number, Handler>();
  private nextId = 0;
  private readonly stopListening: () => void;

  constructor(private readonly channel: PrimaryChannel) {
    this.stopListening = channel.onMessage((message) => this.receive(message));
  }

  call<T = void>(target: HubTarget, op: string, args: unknown[]): Promise<T> {
    // JSON would turn an omitted optional argument into null, which the adapters rightly refuse.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      try {
        this.channel.send({ kind: 'call', id, target, op, args });
      } catch (err) {
        this.pending.delete(id);
        reject(err as Error);
      }
    });
  }

  async subscribe(channelName: string, handler: (message: string) => void): Promise<Unsubscribe> {
    const subscription = ++this.nextId;
    this.subscriptions.set(subscription, handler);
    try {
      await this.call('pubsub', 'subscribe', [channelName, subscription]);
    } catch (err) {
      this.subscriptions.delete(subscription);
      throw err;
    }
    return async () => {
      if (this.subscriptions.delete(subscription)) await this.call('pubsub', 'unsubscribe', [subscription]);
    };
  }

  consume(queue: string, handler: Handler, options: Required<QueueConsumerOptions>): QueueConsumer {
    const consumer = ++this.nextId;
    this.handlers.set(consumer, handler);
    const registered = this.call('queues', 'consume', [queue, consumer, options]).catch((err: Error) => {
      this.logger.error(`consumer of queue "${queue}" not registered with the primary: ${err.message}`);
    });
    let closed: Promise<void> | undefined;
    return {
      // The primary waits for this worker's running jobs before it answers.
      close: () =>
        (closed ??= registered
          .then(() => this.call('queues', 'stopConsumer', [consumer]))
          .finally(() => this.handlers.delete(consumer))),
    };
  }

  /** Rejects what is still waiting for an answer: the primary will not send one any more. */
  close(): void {
    this.stopListening();
    for (const { reject } of this.pending.values()) reject(new Error('platform hub: closed'));
    this.pending.clear();
  }

  private receive(message: PrimaryMessage): void {
    switch (message.kind) {
      case 'result': {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) call?.reject(reviveError(message.error));
        else call?.resolve(message.value as never);
        return;
      }
      case 'message':
        return this.deliver(message.subscription, message.message);
      case 'job':
        return void this.runJob(message.run, message.consumer, message.job);
    }
  }

  private deliver(subscription: number, message: string): void {
    try {
      this.subscriptions.get(subscription)?.(message);
    } catch (err) {
      this.logger.error(`pub/sub handler threw: ${(err as Error).message}`);
    }
  }

  private async runJob(run: number, consumer: number, job: QueueJob<unknown>): Promise<void> {
    let error: string | undefined;
    try {
      const handler = this.handlers.get(consumer);
      if (!handler) throw new Error(`no consumer ${consumer} in this worker`);
      await handler(job);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    try {
      this.channel.send({ kind: 'job-done', run, error });
    } catch {
      // The primary is gone, and the queue with it.
    }
  }
}
