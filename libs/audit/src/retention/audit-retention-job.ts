import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AuditRetention } from './audit-retention';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** Runs the retention purge shortly after start-up, then every interval; one run at a time. */
export class AuditRetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRetentionJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly retention: AuditRetention,
    private readonly intervalMs: number = RETENTION_INTERVAL_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
    setImmediate(() => void this.runOnce());
  }

  runOnce(): Promise<void> {
    this.running ??= this.retention
      .purge()
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`audit retention deleted ${deleted} rows`);
      })
      .catch((error: Error) => this.logger.warn(`audit retention failed, will retry: ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
