import type {
  Platform,
  QueueConsumer,
  QueueConsumerOptions,
  QueueJob,
  QueueProducer,
  Unsubscribe,
} from '../ports';
import {
  HUB_OPERATIONS,
  type HubChannel,
  type HubTarget,
  type PrimaryMessage,
  type WorkerMessage,
  describeError,
} from './hub-protocol';

type WorkerChannel = HubChannel<WorkerMessage, PrimaryMessage>;
type Operation = (...args: unknown[]) => Promise<unknown>;

/**
 * Embedded mode with several workers: the primary process keeps the one set of in-process adapters
 * (budgets, rate limits, the key cache, pub/sub, queues) and every worker reaches it over its IPC
 * channel through HubPlatform, as cluster mode's workers reach Redis. Queue jobs wait here and run
 * in whichever worker's consumer takes them; a worker that exits mid-job has the job retried elsewhere.
 */
export class PlatformHub {
  private readonly producers = new Map<string, QueueProducer<unknown>>();
  private readonly workers = new Set<WorkerConnection>();

  constructor(readonly platform: Platform) {}

  /** Serves one worker; call the returned function once it has exited. */
  serve(channel: WorkerChannel): () => Promise<void> {
    const worker = new WorkerConnection(this, channel);
    this.workers.add(worker);
    return () => {
      this.workers.delete(worker);
      return worker.close();
    };
  }

  producer(queue: string): QueueProducer<unknown> {
    let producer = this.producers.get(queue);
    if (!producer) {
      producer = this.platform.queues.producer(queue);
      this.producers.set(queue, producer);
    }
    return producer;
  }

  /** After the workers have exited: jobs still waiting are gone with this process, as in one process. */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.close()));
    await this.platform.close();
  }
}

/** One worker's subscriptions, consumers and jobs in flight. */
class WorkerConnection {
  private readonly subscriptions = new Map<number, Unsubscribe>();
  private readonly consumers = new Map<number, QueueConsumer>();
  private readonly runs = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private nextRun = 0;
  private closed = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly hub: PlatformHub,
    private readonly channel: WorkerChannel,
  ) {
    this.stopListening = channel.onMessage((message) => this.receive(message));
  }

  /**
   * Jobs the worker was running are retried (on another worker); its consumers are closed, and a job
   * a closing consumer still starts fails fast, costing that job one attempt.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    for (const run of this.runs.values()) run.reject(new Error('the worker running the job exited'));
    this.runs.clear();
    const unsubscribes = [...this.subscriptions.values()];
    this.subscriptions.clear();
    const consumers = [...this.consumers.values()];
    this.consumers.clear();
    await Promise.all([
      ...unsubscribes.map((unsubscribe) => unsubscribe()),
      ...consumers.map((consumer) => consumer.close()),
    ]);
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'job-done') {
      const run = this.runs.get(message.run);
      this.runs.delete(message.run);
      if (message.error === undefined) run?.resolve();
      else run?.reject(new Error(message.error));
      return;
    }
    void this.answer(message.id, message.target, message.op, message.args);
  }

  private async answer(id: number, target: HubTarget, op: string, args: unknown[]): Promise<void> {
    try {
      const value = await this.perform(target, op, args);
      this.channel.send({ kind: 'result', id, value });
    } catch (err) {
      this.channel.send({ kind: 'result', id, error: describeError(err) });
    }
  }

  private perform(target: HubTarget, op: string, args: unknown[]): Promise<unknown> {
    if (!(HUB_OPERATIONS[target] as readonly string[] | undefined)?.includes(op)) {
      throw new TypeError(`platform hub: no operation ${String(target)}.${op}`);
    }
    const { platform } = this.hub;
    switch (target) {
      case 'cache':
        return (platform.cache as unknown as Record<string, Operation>)[op](...args);
      case 'counters':
        return (platform.counters as unknown as Record<string, Operation>)[op](...args);
      case 'pubsub':
        return this.pubsub(op, args);
      case 'queues':
        return this.queues(op, args);
    }
  }

  private async pubsub(op: string, args: unknown[]): Promise<unknown> {
    const { pubsub } = this.hub.platform;
    if (op === 'publish') return pubsub.publish(args[0] as string, args[1] as string);
    const subscription = args[op === 'subscribe' ? 1 : 0] as number;
    if (op === 'unsubscribe') {
      const unsubscribe = this.subscriptions.get(subscription);
      this.subscriptions.delete(subscription);
      return unsubscribe?.();
    }
    const unsubscribe = await pubsub.subscribe(args[0] as string, (message) =>
      this.channel.send({ kind: 'message', subscription, message }),
    );
    if (this.closed) await unsubscribe();
    else this.subscriptions.set(subscription, unsubscribe);
  }

  private async queues(op: string, args: unknown[]): Promise<unknown> {
    const queue = args[0] as string;
    if (op === 'consume') {
      const consumer = args[1] as number;
      this.consumers.set(
        consumer,
        this.hub.platform.queues.consume(
          queue,
          (job) => this.run(consumer, job),
          args[2] as QueueConsumerOptions,
        ),
      );
      return;
    }
    if (op === 'stopConsumer') {
      const consumer = this.consumers.get(args[0] as number);
      this.consumers.delete(args[0] as number);
      return consumer?.close();
    }
    return (this.hub.producer(queue) as unknown as Record<string, Operation>)[op](...args.slice(1));
  }

  /** Runs a job in the worker's handler; settles when the worker reports it done. */
  private run(consumer: number, job: QueueJob<unknown>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the worker of this consumer has exited'));
    const run = ++this.nextRun;
    return new Promise<void>((resolve, reject) => {
      this.runs.set(run, { resolve, reject });
      this.channel.send({ kind: 'job', run, consumer, job });
    });
  }
}
