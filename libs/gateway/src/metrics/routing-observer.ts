import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import type { RoutingEvent } from '@verosek/routing';
import { RouteExecutor } from '@verosek/routing';
import { MetricsService } from './metrics.service';

/** Transitions of a deployment's health: logged as structured lines, beside the metrics. */
const TRANSITIONS = new Set([
  'cooled',
  'cooldown-extended',
  'half-open-probe',
  'restored',
  'health-store-error',
]);

/**
 * Routing in the metrics: every decision and transition counted, each deployment's cooldown state
 * as a gauge read at scrape time, and health transitions logged. (Per-call attempts and fallbacks
 * are audit steps of their call.)
 */
@Injectable()
export class RoutingObserver implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('routing');
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @Inject(VEROSEK_CONFIG) private readonly config: VerosekConfig,
    private readonly executor: RouteExecutor,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const deployments = this.config.models.flatMap((group) => group.deployments);
    this.unsubscribe.push(
      this.metrics.registerCooldownSource(() =>
        deployments.map((d) => ({
          deployment: d.id,
          coolingDown: this.executor.deploymentStatus(d.id).phase !== 'healthy',
        })),
      ),
      this.executor.addListener({ onRoutingEvent: (event) => this.observe(event) }),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  private observe(event: RoutingEvent): void {
    if (event.type === 'deployment-selected') return;
    this.metrics.recordRoutingEvent(event.type);
    if (TRANSITIONS.has(event.type)) this.logger.warn(JSON.stringify(event));
  }
}
