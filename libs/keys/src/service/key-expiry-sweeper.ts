import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { KeysService } from './keys.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');
export const DEFAULT_SWEEP_INTERVAL_MS = 5_000;

/**
 * Marks expired keys on an interval and drops them from every cache. Expiry is also checked on each
 * call (by time), so the sweep is about caches and bookkeeping, not about refusing the key.
 */
@Injectable()
export class KeyExpirySweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(KeyExpirySweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly keys: KeysService,
    @Inject(SWEEP_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.keys
      .sweep()
      .then(() => undefined)
      .catch((err: Error) => this.logger.warn(`expiry sweep failed: ${err.message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
