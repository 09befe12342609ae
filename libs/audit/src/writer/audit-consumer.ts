import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { QueueConsumer, QueueFactory, QueueJob } from '@verosek/platform';
import { AUDIT_QUEUE } from '../audit-event';
import { parseAuditEvent } from '../audit-event-parser';
import type { AuditWriter } from './audit-writer';
import { InsertBatcher } from './insert-batcher';

export interface AuditConsumerOptions {
  /** Jobs in flight at once; must exceed batchSize for batches to fill. */
  concurrency: number;
  batchSize: number;
  batchWaitMs: number;
  /** With exponential backoff from backoffMs; after the last attempt the job is kept as failed. */
  attempts: number;
  backoffMs: number;
  /**
   * On shutdown, first wait (at most this long) until the queue is empty. For an in-process queue
   * (embedded mode) whatever is left in it is lost with the process; BullMQ keeps it in Redis.
   */
  drainOnStopMs?: number;
}

/**
 * A batch waits up to 200 ms to fill: every INSERT has a fixed cost besides its rows (in embedded
 * PGlite about as much as five rows), so at a few hundred calls a second fuller batches save database
 * CPU (benchmark at 200 req/s, 50 ms against 200 ms: PGlite's thread 0.74-0.78 against 0.59-0.63 ms
 * per call), and a row lands at most that much later; jobs are acknowledged only once their batch
 * is committed. 1 s backoff doubling over 15 attempts: about 9 hours of Postgres outage before a job
 * lands in the failed set.
 */
export const DEFAULT_AUDIT_CONSUMER_OPTIONS: AuditConsumerOptions = {
  concurrency: 400,
  batchSize: 200,
  batchWaitMs: 200,
  attempts: 15,
  backoffMs: 1_000,
};

/** Takes audit events off the queue and inserts them in batches. Same code in audit-service and embedded mode. */
export class AuditConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditConsumer.name);
  private readonly batcher: InsertBatcher;
  private consumer: QueueConsumer | undefined;

  constructor(
    private readonly queues: QueueFactory,
    writer: AuditWriter,
    private readonly options: AuditConsumerOptions = DEFAULT_AUDIT_CONSUMER_OPTIONS,
  ) {
    this.batcher = new InsertBatcher(writer, { maxBatch: options.batchSize, maxWaitMs: options.batchWaitMs });
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (this.consumer) return;
    this.consumer = this.queues.consume(AUDIT_QUEUE, (job) => this.handle(job), {
      concurrency: this.options.concurrency,
      attempts: this.options.attempts,
      backoffMs: this.options.backoffMs,
    });
  }

  /** Stops taking jobs; jobs in flight are written (or failed, to be retried) first. */
  async stop(): Promise<void> {
    if (this.consumer && this.options.drainOnStopMs) await this.drain(this.options.drainOnStopMs);
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    const closing = consumer.close();
    // Handlers in flight wait on a batch that may not be full: write it now so close() can finish.
    await this.batcher.drain();
    await closing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Waits until the queue holds no job (waiting, active or retrying), or until `limitMs` passed. */
  private async drain(limitMs: number): Promise<void> {
    const queue = this.queues.producer(AUDIT_QUEUE);
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline && (await queue.depth()) > 0) {
      await this.batcher.drain();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const left = await queue.depth();
    if (left > 0) this.logger.error(`shutting down with ${left} audit events still queued`);
  }

  /**
   * Writes a job's events. An event that is not valid fails the job after the valid ones are
   * written, so the queue keeps it (retried, then in the failed set) without holding back the rest.
   */
  private async handle(job: QueueJob<unknown>): Promise<void> {
    // A single event is what producers before batched jobs sent.
    const items: unknown[] = Array.isArray(job.data) ? job.data : [job.data];
    const writes: Promise<void>[] = [];
    const refusals: string[] = [];
    for (const item of items) {
      try {
        writes.push(this.batcher.add(parseAuditEvent(item)));
      } catch (error) {
        refusals.push((error as Error).message);
      }
    }
    await Promise.all(writes);
    if (refusals.length > 0) {
      const message = `audit job ${job.id}: ${refusals.length} of ${items.length} events refused: ${refusals[0]}`;
      this.logger.error(message);
      throw new Error(message);
    }
  }
}
