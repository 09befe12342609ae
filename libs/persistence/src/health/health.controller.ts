import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { RedisHealthIndicator } from '@verosek/platform';
import { DatabaseHealthIndicator } from './database-health.indicator';

/**
 * `GET /health/live` (the process serves HTTP) and `GET /health/ready` (Redis, in cluster mode, and
 * Postgres answer; 503 with each reason otherwise). Every app's root module registers it; the
 * indicators come from PlatformModule and PersistenceModule.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.redis.isHealthy('redis'),
      () => this.database.isHealthy('database'),
    ]);
  }
}
