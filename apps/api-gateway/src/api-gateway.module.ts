import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { VerosekConfigModule } from '@verosek/config';
import { GatewayModule } from '@verosek/gateway';
import { PersistenceModule } from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';
import { join } from 'node:path';
import { HealthController } from './health/health.controller';
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
        PlatformModule.forRoot({ redisUrl: env.redisUrl }),
        PersistenceModule.forRoot(
          env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: join(env.dataDir, 'pg') },
        ),
        TerminusModule,
        GatewayModule.forRoot({ cluster }),
      ],
      controllers: [OpenAiChatController, AnthropicMessagesController, GeminiController, ModelsController, HealthController, OpenAiEmbeddingsController, OpenAiModerationsController, OpenAiResponsesController, OpenAiCompletionsController, OpenAiImagesController, OpenAiAudioController],
    };
  }
}
