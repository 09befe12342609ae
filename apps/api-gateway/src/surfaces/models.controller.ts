import { Controller, Get, Inject, Req } from '@nestjs/common';
import {
  ACCESS_CONTROL,
  AccessControl,
  callerKeyOf,
  listModels,
  ModelCatalog,
  surfaceOf,
} from '@verosek/gateway';
import type { FastifyRequest } from 'fastify';

const STARTED_AT = new Date();

/** Lists the model groups in the format of the SDK asking (OpenAI / Anthropic `/v1/models`, Gemini `/v1beta/models`). */
@Controller()
export class ModelsController {
  constructor(
    private readonly catalog: ModelCatalog,
    @Inject(ACCESS_CONTROL) private readonly access: AccessControl,
  ) {}

  @Get(['v1/models', 'v1beta/models'])
  async list(@Req() req: FastifyRequest): Promise<unknown> {
    const caller = await this.access.authenticate(
      callerKeyOf(req.headers, req.query as Record<string, unknown>),
    );
    const groups = this.catalog.all().filter((g) => !caller.models || caller.models.includes(g.name));
    return listModels(surfaceOf(req.url, req.headers), groups, STARTED_AT);
  }
}
