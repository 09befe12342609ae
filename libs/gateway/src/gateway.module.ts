import { DynamicModule, Module } from '@nestjs/common';
import type { VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import { REDIS_CLIENT } from '@verosek/platform';
import { UpstreamClient } from '@verosek/providers';
import { RedisCooldownStore, RoutingModule } from '@verosek/routing';
import type Redis from 'ioredis';
import { ACCESS_CONTROL } from './access/access-control';
import { ENDPOINT_PROVIDERS } from './endpoints/endpoint-providers';
import { VirtualKeyAccess } from './access/virtual-key-access';
import { AuditProducerSink } from './audit/audit-producer.sink';
import { AUDIT_SINK } from './pipeline/audit-sink';
import { MetricsModule } from './metrics/metrics.module';
import { QueueDepthObserver } from './metrics/queue-depth-observer';
import { RoutingObserver } from './metrics/routing-observer';
import { ChatPipeline } from './pipeline/chat-pipeline';
import { CountTokensService } from './pipeline/count-tokens.service';
import { ModelCatalog } from './pipeline/model-catalog';
import { SHIELD_GATE } from './pipeline/shield-gate';
import { ShieldGateService } from './shield/shield-gate.service';
import { ToolRegistry } from './tools/tool-registry';
import { ChatUpstream } from './upstream/chat-upstream';

export interface GatewayModuleOptions {
  /** Cluster mode shares routing health through Redis; embedded keeps it in process. */
  cluster: boolean;
}

/**
 * The hot path's providers; the api-gateway's controllers call ChatPipeline. Needs from the root:
 * config, platform ports, KeysModule (global) and AuditProducerModule (global).
 */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    const routing = options.cluster
      ? RoutingModule.forRoot({
          store: { useFactory: (redis: Redis) => new RedisCooldownStore(redis), inject: [REDIS_CLIENT] },
        })
      : RoutingModule.forRoot();
    return {
      module: GatewayModule,
      imports: [routing, MetricsModule],
      providers: [
        ModelCatalog,
        RoutingObserver,
        QueueDepthObserver,
        ChatPipeline,
        CountTokensService,
        ToolRegistry,
        { provide: UpstreamClient, useFactory: () => new UpstreamClient() },
        {
          provide: ChatUpstream,
          useFactory: (client: UpstreamClient, config: VerosekConfig) =>
            new ChatUpstream(client, config.limits),
          inject: [UpstreamClient, VEROSEK_CONFIG],
        },
        { provide: ACCESS_CONTROL, useClass: VirtualKeyAccess },
        { provide: SHIELD_GATE, useClass: ShieldGateService },
        { provide: AUDIT_SINK, useClass: AuditProducerSink },
        ...ENDPOINT_PROVIDERS,
      ],
      exports: [
        ChatPipeline,
        CountTokensService,
        ModelCatalog,
        ACCESS_CONTROL,
        MetricsModule,
        ...ENDPOINT_PROVIDERS,
      ],
    };
  }
}
