import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { MetricsService, PROMETHEUS_CONTENT_TYPE } from '@verosek/gateway/metrics';

/** GET /metrics: the Prometheus text exposition of this process, or of all workers under VEROSEK_WORKERS > 1. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    try {
      return await this.metrics.exposition();
    } catch (err) {
      throw new ServiceUnavailableException((err as Error).message);
    }
  }
}
