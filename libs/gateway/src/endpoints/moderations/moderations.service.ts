import { Inject, Injectable } from '@nestjs/common';
import { UpstreamClient } from '@verosek/providers';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import { EndpointRunner } from '../shared/endpoint-runner';
import { readJson } from '../shared/endpoint-upstream';
import { sendJsonPassthrough } from '../shared/json-passthrough';
import { parseModerationRequest } from './moderation-input';
import { SHIELD_MODERATION_MODEL, shieldModeration } from './shield-moderation';

/**
 * `POST /v1/moderations`: passed through to an OpenAI provider (model rewritten, inputs through
 * the Shield first), or, for the model `verosek-shield`, answered by the Shield's own classifiers
 * with no upstream at all (no budget is charged; the call is audited).
 */
@Injectable()
export class ModerationsService {
  constructor(
    private readonly runner: EndpointRunner,
    @Inject(UpstreamClient) private readonly client: UpstreamClient,
  ) {}

  async moderate(ctx: CallContext, body: unknown): Promise<GatewayOutcome> {
    const caller = await this.runner.authenticate(ctx);
    const request = parseModerationRequest(body);
    if (request.model === SHIELD_MODERATION_MODEL) {
      const ledger = this.runner.ledger(ctx, caller, {
        endpoint: 'moderations',
        modelGroup: SHIELD_MODERATION_MODEL,
        stream: false,
      });
      const answer = shieldModeration(request.texts);
      await ledger.close(undefined);
      return { kind: 'json', status: 200, headers: {}, body: answer };
    }
    const started = await this.runner.run(ctx, caller, {
      endpoint: 'moderations',
      name: 'moderations',
      model: request.model,
      visitTexts: request.visitTexts,
      attempt: async (deployment, adapter) =>
        readJson(
          await sendJsonPassthrough(this.client, deployment, adapter, {
            path: '/moderations',
            body: request.body,
            timeoutMs: this.runner.timeoutMs,
            signal: ctx.signal,
          }),
        ),
    });
    await started.finish();
    return {
      kind: 'json',
      status: 200,
      headers: started.headers(),
      body: { ...(started.result as object), model: request.model },
    };
  }
}
