import { QueryFailedError } from 'typeorm';
import type { AuditEvent } from '../audit-event';
import type { AuditWriter } from './audit-writer';

export interface InsertBatcherOptions {
  /** A batch is written as soon as it holds this many events... */
  maxBatch: number;
  /** ...or this long after its first event arrived. */
  maxWaitMs: number;
}

interface Pending {
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Turns one-job-at-a-time queue handlers into batched inserts: each handler's promise settles when
 * the batch holding its event is committed (or fails, so that job is retried by the queue).
 */
export class InsertBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly writer: AuditWriter,
    private readonly options: InsertBatcherOptions,
  ) {}

  add(event: AuditEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.writeNow();
      else this.timer ??= setTimeout(() => this.writeNow(), this.options.maxWaitMs);
    });
  }

  /** Writes what is pending and waits for every write in progress. */
  async drain(): Promise<void> {
    this.writeNow();
    await Promise.all(this.writes);
  }

  private writeNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const write = this.write(batch).finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.writer.insert(batch.map((p) => p.event));
      batch.forEach((p) => p.resolve());
    } catch (error) {
      if (batch.length > 1 && isRowError(error)) await this.writeOneByOne(batch);
      else batch.forEach((p) => p.reject(error));
    }
  }

  /** A row Postgres refuses must fail only its own job, not the whole batch. */
  private async writeOneByOne(batch: Pending[]): Promise<void> {
    for (const p of batch) {
      try {
        await this.writer.insert([p.event]);
        p.resolve();
      } catch (error) {
        p.reject(error);
      }
    }
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity violation): the data is at fault, not the server. */
function isRowError(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
