import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { callContextOf, EmbeddingsService, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Controller('v1')
export class OpenAiEmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsService) {}

  @Post('embeddings')
  @HttpCode(200)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    await writeOutcome(
      reply,
      await this.embeddings.embed(callContextOf(req, reply), body),
      'application/json',
    );
  }
}
