import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from '@verosek/persistence';
import { RedisHealthIndicator } from '@verosek/platform';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready to take traffic: Redis (cluster mode) and Postgres answer. 503 with the reason otherwise. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.redis.isHealthy('redis'),
      () => this.database.isHealthy('database'),
    ]);
  }
}
