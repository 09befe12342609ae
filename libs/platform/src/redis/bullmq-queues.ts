import { Logger } from '@nestjs/common';
import { type Job, type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
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
import { closeRedis, createRedisConnection, requireConnected, waitForRedis } from './redis-connection';

/**
 * BullMQ stores the retry policy on each job, but our port lets the consumer choose it. So every job
 * is added with attempts "unlimited" and a backoff type the worker resolves; the worker gives up by
 * throwing UnrecoverableError once its own attempts are used.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 1_000_000,
  backoff: { type: 'consumer-policy' },
  removeOnComplete: { age: COMPLETED_RETENTION.ageMs / 1000, count: COMPLETED_RETENTION.count },
  removeOnFail: false,
};

/**
 * BullMQ waits for its connection to come back before adding a job; a producer on the hot path must not
 * pile up waiting adds while Redis is down, so it checks first and fails at once.
 */
class BullMqProducer<T> implements QueueProducer<T> {
  constructor(
    private readonly queue: Queue,
    private readonly connection: Redis,
  ) {}

  async add(job: QueueJob<T>): Promise<void> {
    requireJob(job, 'queue.add: job');
    requireConnected(this.connection);
    await this.queue.add(this.queue.name, job.data, { jobId: job.id });
  }

  async addBulk(jobs: QueueJob<T>[]): Promise<void> {
    if (!Array.isArray(jobs)) throw new TypeError('queue.addBulk: jobs must be an array');
    jobs.forEach((job, i) => requireJob(job, `queue.addBulk: jobs[${i}]`));
    if (jobs.length === 0) return;
    requireConnected(this.connection);
    await this.queue.addBulk(
      jobs.map((job) => ({ name: this.queue.name, data: job.data, opts: { jobId: job.id } })),
    );
  }

  async depth(): Promise<number> {
    requireConnected(this.connection);
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async failed(limit = 100): Promise<FailedJob<T>[]> {
    requireConnected(this.connection);
    const jobs: Job<T>[] = await this.queue.getFailed(0, requireInteger(limit, 'queue.failed: limit', 1) - 1);
    return jobs.map((job) => ({
      id: job.id as string,
      data: job.data,
      reason: job.failedReason,
      attemptsMade: job.attemptsMade,
    }));
  }

  /** The BullMQ Queue is shared by every producer of that name; the factory closes it. */
  async close(): Promise<void> {}
}

/** QueueFactory on BullMQ. Owns its two connections (see RedisRole) and every Queue and Worker it made. */
export class BullMqQueueFactory implements QueueFactory {
  private readonly logger = new Logger(BullMqQueueFactory.name);
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();
  private readonly producerConnection: Redis;
  /** Made on the first consume(): most processes only produce. */
  private workerConnection?: Redis;

  /** @param prefix BullMQ key prefix: every key of every queue starts with `<prefix>:`. */
  constructor(
    private readonly redisUrl: string,
    private readonly prefix = 'verosek',
  ) {
    this.producerConnection = createRedisConnection(redisUrl, 'queue-producer');
  }

  /** Resolves once producers can add jobs (they fail fast until then). */
  ready(timeoutMs: number): Promise<void> {
    return waitForRedis(this.producerConnection, timeoutMs);
  }

  producer<T>(name: string): QueueProducer<T> {
    requireQueueName(name);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.producerConnection,
        prefix: this.prefix,
        defaultJobOptions: JOB_OPTIONS,
      });
      queue.on('error', (err) => this.logger.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
    }
    return new BullMqProducer<T>(queue, this.producerConnection);
  }

  consume<T>(
    name: string,
    handler: (job: QueueJob<T>) => Promise<void>,
    options: QueueConsumerOptions = {},
  ): QueueConsumer {
    requireQueueName(name);
    const { concurrency, attempts, backoffMs } = requireConsumerOptions(options);
    this.workerConnection ??= createRedisConnection(this.redisUrl, 'queue-worker');

    const worker = new Worker<T>(
      name,
      async (job) => {
        try {
          await handler({ id: job.id as string, data: job.data });
        } catch (err) {
          throw job.attemptsMade + 1 >= attempts ? finalFailure(err) : err;
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency,
        settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(backoffMs, attemptsMade) },
      },
    );
    worker.on('error', (err) => this.logger.warn(`worker ${name}: ${err.message}`));
    worker.on('failed', (job, err) => {
      if (err instanceof UnrecoverableError) {
        this.logger.warn(
          `job ${job?.id} of ${name} failed after ${job?.attemptsMade} attempts: ${err.message}`,
        );
      }
    });
    this.workers.add(worker);
    return {
      close: async () => {
        this.workers.delete(worker);
        await worker.close();
      },
    };
  }

  async close(): Promise<void> {
    // BullMQ's close() waits for a connection that may never come back: bound it, then drop the sockets.
    await Promise.all([...this.workers].map((worker) => boundedClose(worker.close())));
    this.workers.clear();
    await Promise.all([...this.queues.values()].map((queue) => boundedClose(queue.close())));
    this.queues.clear();
    await Promise.all([this.producerConnection, this.workerConnection].filter(isDefined).map(closeRedis));
  }
}

function finalFailure(err: unknown): UnrecoverableError {
  const original = err instanceof Error ? err : new Error(String(err));
  const final = new UnrecoverableError(original.message);
  final.stack = original.stack;
  return final;
}

const CLOSE_TIMEOUT_MS = 3000;

function boundedClose(closing: Promise<void>): Promise<void> {
  return Promise.race([
    closing.catch(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
  ]);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
