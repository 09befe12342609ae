import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { VerosekConfigModule } from '@verosek/config';
import { AuditProducerModule, AuditWorkerModule } from '@verosek/audit';
import { GatewayModule } from '@verosek/gateway';
import { ShieldClassifierProducerModule, ShieldWorkerModule } from '@verosek/gateway/shield-async';
import { KeysModule } from '@verosek/keys';
import {
  EMBEDDED_POOL_SIZE,
  HealthController,
  PersistenceModule,
  type PersistenceModuleOptions,
} from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';
import { join } from 'node:path';
import { AuditAdminModule } from './admin/audit/audit-admin.module';
import { KeysAdminModule } from './admin/keys/keys-admin.module';
import { ShieldAdminModule } from './admin/shield/shield-admin.module';
import { MetricsController } from './metrics/metrics.controller';
import { AnthropicMessagesController } from './surfaces/anthropic-messages.controller';
import { GeminiController } from './surfaces/gemini.controller';
import { ModelsController } from './surfaces/models.controller';
import { OpenAiChatController } from './surfaces/openai-chat.controller';
import { OpenAiEmbeddingsController } from './surfaces/openai-embeddings.controller';
import { OpenAiModerationsController } from './surfaces/openai-moderations.controller';
import { OpenAiCompletionsController } from './surfaces/openai-completions.controller';
import { OpenAiResponsesController } from './surfaces/openai-responses.controller';
import { OpenAiImagesController } from './surfaces/openai-images.controller';
import { OpenAiAudioController } from './surfaces/openai-audio.controller';

/** Postgres in cluster mode; the primary's PGlite in an embedded worker of several; else PGlite here. */
function persistenceOptions(env: GatewayEnv): PersistenceModuleOptions {
  if (env.databaseUrl) return { databaseUrl: env.databaseUrl };
  // PGlite has one session: each process keeps to one connection (see EMBEDDED_POOL_SIZE).
  if (env.hubDatabaseUrl) return { databaseUrl: env.hubDatabaseUrl, poolSize: EMBEDDED_POOL_SIZE };
  return { dataDir: join(env.dataDir, 'pg') };
}

/**
 * The api-gateway root. Without REDIS_URL it is the embedded default: one process that also hosts
 * the keys, audit and shield consumers on in-process adapters (DESIGN §4, docs/ARCHITECTURE.md).
 */
@Module({})
export class ApiGatewayModule {
  static forRoot(env: GatewayEnv, config: VerosekConfig): DynamicModule {
    const cluster = env.redisUrl !== undefined;
    return {
      module: ApiGatewayModule,
      imports: [
        VerosekConfigModule.forRoot({ env, config }),
        PlatformModule.forRoot({ redisUrl: env.redisUrl, hub: env.hubDatabaseUrl !== undefined }),
        PersistenceModule.forRoot(persistenceOptions(env)),
        TerminusModule,
        KeysModule.forRoot({
          mode: cluster ? 'cluster' : 'embedded',
          transportNamespace: env.transportNamespace,
        }),
        AuditProducerModule.forRoot(),
        // Embedded: the consumer empties the in-process queue before the process ends (nothing lost).
        ...(cluster ? [] : [AuditWorkerModule.forRoot({ consumer: { drainOnStopMs: 10_000 } })]),
        ShieldClassifierProducerModule.forRoot(),
        ...(cluster ? [] : [ShieldWorkerModule.forRoot()]),
        GatewayModule.forRoot({ cluster }),
        KeysAdminModule,
        AuditAdminModule,
        ShieldAdminModule,
      ],
      controllers: [
        OpenAiChatController,
        AnthropicMessagesController,
        GeminiController,
        ModelsController,
        HealthController,
        MetricsController,
        OpenAiEmbeddingsController,
        OpenAiModerationsController,
        OpenAiResponsesController,
        OpenAiCompletionsController,
        OpenAiImagesController,
        OpenAiAudioController,
      ],
    };
  }
}
