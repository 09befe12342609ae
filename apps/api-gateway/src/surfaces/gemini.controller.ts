import { Body, Controller, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  callContextOf,
  ChatPipeline,
  CountTokensService,
  EmbeddingsService,
  writeOutcome,
} from '@verosek/gateway';
import { GatewayError } from '@verosek/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** `models/{model}:{method}`: Fastify can't route on the colon, so the method is split off here. */
function modelAndMethod(path: string): { model: string; method: string } {
  const at = path.lastIndexOf(':');
  if (at <= 0)
    throw new GatewayError('not_found', `Unknown Gemini method path: models/${path}`, { code: 'not_found' });
  return { model: decodeURIComponent(path.slice(0, at)), method: path.slice(at + 1) };
}

@Controller('v1beta/models')
export class GeminiController {
  constructor(
    private readonly pipeline: ChatPipeline,
    private readonly tokens: CountTokensService,
    private readonly embeddings: EmbeddingsService,
  ) {}

  @Post('*')
  @HttpCode(200)
  async call(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('*') path: string,
    @Query('alt') alt: string | undefined,
    @Body() body: unknown,
  ): Promise<void> {
    const { model, method } = modelAndMethod(path);
    const ctx = callContextOf(req, reply);
    switch (method) {
      case 'generateContent':
      case 'streamGenerateContent': {
        const stream = method === 'streamGenerateContent';
        const framing = alt === 'sse' ? 'sse' : 'json-array';
        const outcome = await this.pipeline.handle(ctx, body, { hints: { model, stream }, framing });
        await writeOutcome(
          reply,
          outcome,
          framing === 'sse' ? 'text/event-stream' : 'application/json; charset=UTF-8',
        );
        return;
      }
      case 'countTokens':
        await writeOutcome(
          reply,
          await this.tokens.count(ctx, body, { model, stream: false }),
          'application/json',
        );
        return;
      case 'embedContent':
      case 'batchEmbedContents': {
        const batch = method === 'batchEmbedContents';
        await writeOutcome(
          reply,
          await this.embeddings.embed(ctx, body, { model, batch }),
          'application/json; charset=UTF-8',
        );
        return;
      }
      default:
        throw new GatewayError(
          'not_found',
          `Method ${method} is not served by this gateway for model ${model}.`,
          {
            code: 'method_not_found',
          },
        );
    }
  }
}
