import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from '@verosek/persistence';
import { RedisHealthIndicator } from '@verosek/platform';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready when Redis (the queues, the counters, the keys transport) and Postgres answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.redis.isHealthy('redis'),
      () => this.database.isHealthy('database'),
    ]);
  }
}
