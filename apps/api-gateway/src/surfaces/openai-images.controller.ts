import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { callContextOf, ImagesService, writeOutcome } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Edits and variations are multipart uploads: the raw request stream goes to the service unparsed. */
@Controller('v1/images')
export class OpenAiImagesController {
  constructor(private readonly images: ImagesService) {}

  @Post('generations')
  @HttpCode(200)
  async generate(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    await writeOutcome(
      reply,
      await this.images.generate(callContextOf(req, reply), body),
      'application/json',
    );
  }

  @Post('edits')
  @HttpCode(200)
  async edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await writeOutcome(
      reply,
      await this.images.edit(callContextOf(req, reply), { source: req.raw, headers: req.headers }),
      'application/json',
    );
  }

  @Post('variations')
  @HttpCode(200)
  async vary(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await writeOutcome(
      reply,
      await this.images.vary(callContextOf(req, reply), { source: req.raw, headers: req.headers }),
      'application/json',
    );
  }
}
