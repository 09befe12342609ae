import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { callContextOf, ModerationsService, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

@Controller('v1')
export class OpenAiModerationsController {
  constructor(private readonly moderations: ModerationsService) {}

  @Post('moderations')
  @HttpCode(200)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    await writeOutcome(
      reply,
      await this.moderations.moderate(callContextOf(req, reply), body),
      'application/json',
    );
  }
}
