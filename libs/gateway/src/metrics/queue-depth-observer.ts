import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AUDIT_QUEUE } from '@verosek/audit';
import type { QueueFactory } from '@verosek/platform';
import { QUEUES } from '@verosek/platform';
import { SHIELD_QUEUE } from '../shield-async/shield-classifier-job';
import { MetricsService } from './metrics.service';

/** The depth of the queues the gateway feeds (audit, Shield classifiers), read at scrape time. */
@Injectable()
export class QueueDepthObserver implements OnModuleInit, OnModuleDestroy {
  private readonly unregister: (() => void)[] = [];

  constructor(
    @Inject(QUEUES) private readonly queues: QueueFactory,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    for (const queue of [AUDIT_QUEUE, SHIELD_QUEUE]) {
      const producer = this.queues.producer(queue);
      this.unregister.push(this.metrics.registerQueueDepth(queue, () => producer.depth()));
    }
  }

  onModuleDestroy(): void {
    for (const stop of this.unregister.splice(0)) stop();
  }
}
