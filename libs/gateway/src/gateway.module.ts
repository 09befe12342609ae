import { Module } from '@nestjs/common';
import { UpstreamClient } from '@verosek/providers';
import { ACCESS_CONTROL } from './access/access-control';
import { MasterKeyAccess } from './access/master-key-access';
import { AUDIT_SINK } from './pipeline/audit-sink';
import { ChatPipeline } from './pipeline/chat-pipeline';
import { CountTokensService } from './pipeline/count-tokens.service';
import { LogAuditSink } from './pipeline/log-audit-sink';
import { ModelCatalog } from './pipeline/model-catalog';
import { PassShieldGate } from './pipeline/pass-shield-gate';
import { ROUTE_RUNNER } from './pipeline/route-runner';
import { SHIELD_GATE } from './pipeline/shield-gate';
import { SimpleRouteRunner } from './pipeline/simple-route-runner';
import { ChatUpstream } from './upstream/chat-upstream';

/** The hot path's providers; the api-gateway's controllers call ChatPipeline. */
@Module({
  providers: [
    ModelCatalog,
    ChatPipeline,
    CountTokensService,
    { provide: UpstreamClient, useFactory: () => new UpstreamClient() },
    { provide: ChatUpstream, useFactory: (client: UpstreamClient) => new ChatUpstream(client), inject: [UpstreamClient] },
    { provide: ACCESS_CONTROL, useClass: MasterKeyAccess },
    { provide: SHIELD_GATE, useClass: PassShieldGate },
    { provide: ROUTE_RUNNER, useClass: SimpleRouteRunner },
    { provide: AUDIT_SINK, useClass: LogAuditSink },
  ],
  exports: [ChatPipeline, CountTokensService, ModelCatalog, ACCESS_CONTROL],
})
export class GatewayModule {}
