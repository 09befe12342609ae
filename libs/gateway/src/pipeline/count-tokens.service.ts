import { Inject, Injectable } from '@nestjs/common';
import type { SurfaceHints } from '@verosek/protocol';
import { codecFor, estimateInputTokens } from '@verosek/protocol';
import { ACCESS_CONTROL, AccessControl } from '../access/access-control';
import type { CallContext } from './call-context';
import type { GatewayOutcome } from './gateway-outcome';
import { ModelCatalog } from './model-catalog';

/**
 * Anthropic `count_tokens` and Gemini `countTokens`, answered locally from the gateway's token
 * estimate (the same one budget reservations use), whatever provider serves the model.
 */
@Injectable()
export class CountTokensService {
  constructor(
    @Inject(ACCESS_CONTROL) private readonly access: AccessControl,
    private readonly catalog: ModelCatalog,
  ) {}

  async count(ctx: CallContext, body: unknown, hints?: SurfaceHints): Promise<GatewayOutcome> {
    await this.access.authenticate(ctx.rawKey);
    const codec = codecFor(ctx.surface);
    const request = codec.decodeRequest(withDefaults(ctx.surface, body), hints);
    this.catalog.group(request.model);
    const tokens = estimateInputTokens(request);
    const answer = ctx.surface === 'gemini' ? { totalTokens: tokens } : { input_tokens: tokens };
    return { kind: 'json', status: 200, headers: {}, body: answer };
  }
}

/** count_tokens bodies carry no max_tokens, which the Messages decoder otherwise requires. */
function withDefaults(surface: string, body: unknown): unknown {
  if (surface !== 'anthropic-messages' || !body || typeof body !== 'object') return body;
  return { max_tokens: 1, ...(body as object) };
}
