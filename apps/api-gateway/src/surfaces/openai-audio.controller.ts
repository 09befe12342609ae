import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { AudioService, callContextOf, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Transcriptions and translations are multipart uploads: the raw request stream goes to the service unparsed. */
@Controller('v1/audio')
export class OpenAiAudioController {
  constructor(private readonly audio: AudioService) {}

  @Post('speech')
  @HttpCode(200)
  async speech(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    const audio = await this.audio.speech(callContextOf(req, reply), body);
    await reply.status(200).headers(audio.headers).send(audio.body);
  }

  @Post('transcriptions')
  @HttpCode(200)
  async transcribe(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await writeOutcome(
      reply,
      await this.audio.transcribe(callContextOf(req, reply), { source: req.raw, headers: req.headers }),
      'application/json',
    );
  }

  @Post('translations')
  @HttpCode(200)
  async translate(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await writeOutcome(
      reply,
      await this.audio.translate(callContextOf(req, reply), { source: req.raw, headers: req.headers }),
      'application/json',
    );
  }
}
