import { Controller, Get, Header } from '@nestjs/common';
import { MetricsService, PROMETHEUS_CONTENT_TYPE } from '@verosek/gateway/metrics';

/** GET /metrics: the Prometheus text exposition of this process. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.exposition();
  }
}
