import { Logger } from '@nestjs/common';
import type {
  FailedJob,
  QueueConsumer,
  QueueConsumerOptions,
  QueueFactory,
  QueueJob,
  QueueProducer,
} from '../ports';
import { COMPLETED_RETENTION, backoffDelay } from '../queue-defaults';
import { requireConsumerOptions, requireInteger, requireJob, requireQueueName } from '../validation';

interface Tracked<T> {
  job: QueueJob<T>;
  attemptsMade: number;
}

type Handler<T> = (job: QueueJob<T>) => Promise<void>;

/** The state of one named queue: what BullMQ keeps in Redis, kept in memory. */
class InProcessQueue<T> {
  readonly waiting: Tracked<T>[] = [];
  readonly failed: FailedJob<T>[] = [];
  /** Ids of jobs waiting, active, delayed or failed: adding one of these again is a no-op. */
  readonly liveIds = new Set<string>();
  /** Completed ids -> completion time, oldest first. */
  private readonly completedIds = new Map<string, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly consumers = new Set<InProcessConsumer<T>>();
  private wakeScheduled = false;

  /**
   * Consumers pick the job up on a later turn of the event loop, as a BullMQ worker would: never
   * inside the caller's own code (a request that enqueues work must not run that work before it
   * goes on with its own).
   */
  add(job: QueueJob<T>): void {
    if (this.liveIds.has(job.id) || this.recentlyCompleted(job.id)) return;
    this.liveIds.add(job.id);
    this.waiting.push({ job, attemptsMade: 0 });
    this.scheduleWake();
  }

  depth(): number {
    return this.liveIds.size - this.failed.length;
  }

  take(): Tracked<T> | undefined {
    return this.waiting.shift();
  }

  complete(tracked: Tracked<T>): void {
    this.liveIds.delete(tracked.job.id);
    this.completedIds.set(tracked.job.id, Date.now());
    if (this.completedIds.size > COMPLETED_RETENTION.count) {
      this.completedIds.delete(this.completedIds.keys().next().value as string);
    }
  }

  retryLater(tracked: Tracked<T>, delayMs: number): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.waiting.push(tracked);
      this.wakeConsumers();
    }, delayMs);
    this.retryTimers.add(timer);
  }

  fail(tracked: Tracked<T>, reason: string): void {
    const { id, data } = tracked.job;
    this.failed.unshift({ id, data, reason, attemptsMade: tracked.attemptsMade });
  }

  attach(consumer: InProcessConsumer<T>): void {
    this.consumers.add(consumer);
    consumer.pump();
  }

  detach(consumer: InProcessConsumer<T>): void {
    this.consumers.delete(consumer);
  }

  /** Pending retries are dropped with the process, as everything in memory is. */
  close(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  private wakeConsumers(): void {
    for (const consumer of this.consumers) consumer.pump();
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.wakeConsumers();
    });
  }

  private recentlyCompleted(id: string): boolean {
    const completedAt = this.completedIds.get(id);
    if (completedAt === undefined) return false;
    if (Date.now() - completedAt < COMPLETED_RETENTION.ageMs) return true;
    this.completedIds.delete(id);
    return false;
  }
}

class InProcessConsumer<T> implements QueueConsumer {
  private readonly logger: Logger;
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly queue: InProcessQueue<T>,
    private readonly handler: Handler<T>,
    private readonly options: Required<QueueConsumerOptions>,
  ) {
    this.logger = new Logger(`InProcessQueue:${name}`);
  }

  pump(): void {
    while (!this.closed && this.running.size < this.options.concurrency) {
      const tracked = this.queue.take();
      if (!tracked) return;
      const run = this.run(tracked).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  /** Jobs already waiting start first (up to the concurrency, as if their wake had come), then it waits for those running. */
  async close(): Promise<void> {
    this.pump();
    this.closed = true;
    this.queue.detach(this);
    await Promise.all(this.running);
  }

  private async run(tracked: Tracked<T>): Promise<void> {
    try {
      await this.handler(tracked.job);
      this.queue.complete(tracked);
    } catch (err) {
      tracked.attemptsMade += 1;
      const reason = err instanceof Error ? err.message : String(err);
      if (tracked.attemptsMade < this.options.attempts) {
        this.queue.retryLater(tracked, backoffDelay(this.options.backoffMs, tracked.attemptsMade));
      } else {
        this.logger.warn(`job ${tracked.job.id} failed after ${tracked.attemptsMade} attempts: ${reason}`);
        this.queue.fail(tracked, reason);
      }
    }
  }
}

class InProcessProducer<T> implements QueueProducer<T> {
  constructor(private readonly queue: InProcessQueue<T>) {}

  async add(job: QueueJob<T>): Promise<void> {
    this.queue.add(requireJob(job, 'queue.add: job'));
  }

  async addBulk(jobs: QueueJob<T>[]): Promise<void> {
    if (!Array.isArray(jobs)) throw new TypeError('queue.addBulk: jobs must be an array');
    jobs.forEach((job, i) => requireJob(job, `queue.addBulk: jobs[${i}]`));
    for (const job of jobs) this.queue.add(job);
  }

  async depth(): Promise<number> {
    return this.queue.depth();
  }

  async failed(limit = 100): Promise<FailedJob<T>[]> {
    return this.queue.failed.slice(0, requireInteger(limit, 'queue.failed: limit', 1));
  }

  async close(): Promise<void> {}
}

/** QueueFactory for one process (embedded mode): same dedupe, retry and keep-failed rules as BullMQ. */
export class InProcessQueueFactory implements QueueFactory {
  private readonly queues = new Map<string, InProcessQueue<unknown>>();
  private readonly consumers = new Set<QueueConsumer>();

  producer<T>(queue: string): QueueProducer<T> {
    return new InProcessProducer(this.queue<T>(queue));
  }

  consume<T>(queue: string, handler: Handler<T>, options: QueueConsumerOptions = {}): QueueConsumer {
    const consumer = new InProcessConsumer(
      queue,
      this.queue<T>(queue),
      handler,
      requireConsumerOptions(options),
    );
    this.consumers.add(consumer);
    this.queue<T>(queue).attach(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.close()));
    for (const queue of this.queues.values()) queue.close();
  }

  private queue<T>(name: string): InProcessQueue<T> {
    requireQueueName(name);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new InProcessQueue<unknown>();
      this.queues.set(name, queue);
    }
    return queue as InProcessQueue<T>;
  }
}
