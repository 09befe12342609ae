import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { QueueJob, QueueProducer } from '@verosek/platform';
import type { AuditEvent, AuditJobData } from '../audit-event';
import { auditJobId } from '../audit-event';
import type { SpillStore } from './spill-store';
import { withTimeout } from './with-timeout';

export interface AuditProducerOptions {
  /** Events per queue job; a full batch is sent at once. */
  batchSize: number;
  /** How long a partial batch waits for company before it is sent. */
  lingerMs: number;
  /** Events held in memory while the queue is unreachable; beyond that they spill to disk. */
  maxBuffered: number;
  /** A send not acknowledged by then counts as failed (ioredis may hold commands while offline). */
  sendTimeoutMs: number;
  /** Retry delays while the queue is unreachable: doubling from min to max. */
  retryMinMs: number;
  retryMaxMs: number;
}

export const DEFAULT_AUDIT_PRODUCER_OPTIONS: AuditProducerOptions = {
  batchSize: 500,
  lingerMs: 5,
  maxBuffered: 10_000,
  sendTimeoutMs: 2_000,
  retryMinMs: 250,
  retryMaxMs: 5_000,
};

/**
 * Sends audit events to the queue without ever making the response wait: `record()` only appends
 * to an in-memory buffer, sent in micro-batches. While the queue is unreachable the buffer is
 * bounded and overflows to the spill store; spilled events are re-sent once the queue answers
 * again, and at start-up. One job carries a batch; events keep their ids, so a re-send never
 * duplicates a row.
 */
export class AuditProducer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditProducer.name);
  private buffer: AuditEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private spillWrites: Promise<void> = Promise.resolve();
  /** Spill files may exist (unknown at start, true after a spill, false once drained). */
  private spillPending = true;
  /** Counts spills, so a drain that raced a new spill does not clear spillPending. */
  private spillGeneration = 0;
  private reachable = true;
  private retryDelayMs: number;
  private closed = false;

  constructor(
    private readonly queue: QueueProducer<AuditJobData>,
    private readonly spill: SpillStore,
    private readonly options: AuditProducerOptions = DEFAULT_AUDIT_PRODUCER_OPTIONS,
  ) {
    this.retryDelayMs = options.retryMinMs;
  }

  /** Hot path: no await, no I/O, no serialisation. */
  record(events: AuditEvent | AuditEvent[]): void {
    if (Array.isArray(events)) for (const event of events) this.buffer.push(event);
    else this.buffer.push(events);
    if (this.buffer.length >= this.options.maxBuffered || this.closed) this.spillBuffer();
    this.schedule();
  }

  /** Events accepted but not yet acknowledged by the queue or written to the spill store. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Re-sends what an earlier run spilled. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.spill.recoverAbandoned();
      this.spillPending = await this.spill.hasFiles();
    } catch (error) {
      // The gateway serves without its spill directory; new events still reach the queue.
      this.logger.error(`audit spill directory ${this.spill.dir} unreadable: ${(error as Error).message}`);
      this.spillPending = false;
    }
    if (this.spillPending) this.schedule(0);
  }

  /**
   * Sends everything buffered; what the queue does not take in time goes to the spill store, to be
   * re-sent by the next run. Resolves once every event is either queued or on disk.
   */
  async flush(): Promise<void> {
    this.clearTimer();
    await this.pumping;
    if (this.buffer.length > 0) await this.runPump();
    if (this.buffer.length > 0) this.spillBuffer();
    await this.spillWrites;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.queue.close();
  }

  private schedule(delayMs?: number): void {
    if (this.timer || this.pumping || this.closed) return;
    const full = this.buffer.length >= this.options.batchSize;
    const delay = delayMs ?? (!this.reachable ? this.retryDelayMs : full ? 0 : this.options.lingerMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runPump();
    }, delay);
    this.timer.unref();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private runPump(): Promise<void> {
    this.pumping ??= this.pump()
      .catch((error: Error) => {
        // Only the spill directory can fail here; stop re-reading it until the next spill.
        this.logger.error(`audit spill re-send failed: ${error.message}`);
        this.spillPending = false;
      })
      .finally(() => {
        this.pumping = undefined;
        if (this.buffer.length > 0 || this.spillPending) this.schedule();
      });
    return this.pumping;
  }

  private async pump(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.batchSize);
      if (!(await this.send(batch))) {
        this.buffer.unshift(...batch);
        if (this.buffer.length >= this.options.maxBuffered) this.spillBuffer();
        return;
      }
    }
    if (this.spillPending) await this.drainSpill();
  }

  private async drainSpill(): Promise<void> {
    const generation = this.spillGeneration;
    await this.spillWrites;
    for (let claim = await this.spill.claim(); claim; claim = await this.spill.claim()) {
      if (claim.unreadableLines > 0) {
        this.logger.error(
          `audit spill file had ${claim.unreadableLines} unreadable lines (cut short by a crash)`,
        );
      }
      for (let i = 0; i < claim.events.length; i += this.options.batchSize) {
        if (!(await this.send(claim.events.slice(i, i + this.options.batchSize)))) {
          await claim.release(); // the whole file is re-sent later; sent jobs dedupe on their ids
          return;
        }
      }
      await claim.done();
    }
    if (this.spillGeneration === generation) this.spillPending = false;
  }

  /** True when the queue acknowledged the batch (one job). */
  private async send(events: AuditEvent[]): Promise<boolean> {
    const job: QueueJob<AuditJobData> = { id: auditJobId(events), data: events };
    try {
      await withTimeout(this.queue.add(job), this.options.sendTimeoutMs, 'audit queue add');
    } catch (error) {
      if (this.reachable) {
        this.logger.warn(`audit queue unreachable, buffering events: ${(error as Error).message}`);
        this.retryDelayMs = this.options.retryMinMs;
      } else {
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.options.retryMaxMs);
      }
      this.reachable = false;
      return false;
    }
    if (!this.reachable) this.logger.log('audit queue reachable again, re-sending buffered events');
    this.reachable = true;
    return true;
  }

  private spillBuffer(): void {
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    this.spillPending = true;
    this.spillGeneration++;
    this.spillWrites = this.spillWrites
      .then(() => this.spill.write(events))
      .catch((error: Error) => {
        this.logger.error(
          `audit spill to ${this.spill.dir} failed, ${events.length} events lost: ${error.message}`,
        );
      });
  }
}
