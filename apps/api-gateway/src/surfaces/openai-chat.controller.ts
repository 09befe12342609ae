import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { callContextOf, ChatPipeline, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Controller('v1')
export class OpenAiChatController {
  constructor(private readonly pipeline: ChatPipeline) {}

  @Post('chat/completions')
  @HttpCode(200)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    const outcome = await this.pipeline.handle(callContextOf(req, reply), body);
    await writeOutcome(reply, outcome, 'text/event-stream; charset=utf-8');
  }
}
