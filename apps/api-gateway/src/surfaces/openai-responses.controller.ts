import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { callContextOf, GenerationService, responsesSurface, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Controller('v1')
export class OpenAiResponsesController {
  constructor(private readonly generation: GenerationService) {}

  @Post('responses')
  @HttpCode(200)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    const outcome = await this.generation.generate(callContextOf(req, reply), responsesSurface, body);
    await writeOutcome(reply, outcome, 'text/event-stream; charset=utf-8');
  }
}
