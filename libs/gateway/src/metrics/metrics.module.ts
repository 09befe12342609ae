import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Provides the gateway's MetricsService (one Registry per application). */
@Module({
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
