import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { callContextOf, ChatPipeline, CountTokensService, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Controller('v1/messages')
export class AnthropicMessagesController {
  constructor(
    private readonly pipeline: ChatPipeline,
    private readonly tokens: CountTokensService,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    const outcome = await this.pipeline.handle(callContextOf(req, reply), body);
    await writeOutcome(reply, outcome, 'text/event-stream; charset=utf-8');
  }

  @Post('count_tokens')
  @HttpCode(200)
  async countTokens(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const outcome = await this.tokens.count(callContextOf(req, reply), body);
    await writeOutcome(reply, outcome, 'application/json');
  }
}
