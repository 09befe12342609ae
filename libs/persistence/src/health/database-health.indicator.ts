import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

export const DATABASE_PING_TIMEOUT_MS = 1000;

/** Terminus indicator: `SELECT 1` through the app's own pool, down with the reason on error or timeout. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  async isHealthy<const Key extends string = 'database'>(
    key: Key = 'database' as Key,
    timeoutMs = DATABASE_PING_TIMEOUT_MS,
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to SELECT 1 within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: `database: ${(err as Error).message}` });
    } finally {
      clearTimeout(timer);
    }
  }
}
