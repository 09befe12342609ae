import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@verosek/config';
import type { WireFormat } from '@verosek/protocol';
import { estimateInputTokens } from '@verosek/protocol';
import type { ProviderAdapter } from '@verosek/providers';
import { UpstreamClient } from '@verosek/providers';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import { exchangeJson, unreadableAnswer } from '../shared/endpoint-upstream';
import { EndpointRunner } from '../shared/endpoint-runner';
import { textRequest } from '../shared/text-request';
import type { EmbeddingCall, EmbeddingResult, EmbeddingWire } from './embedding-wire';
import { geminiEmbeddingWire } from './gemini-embedding-wire';
import { openAIEmbeddingWire, tokenInputRefused } from './openai-embedding-wire';

const WIRES: Partial<Record<WireFormat, EmbeddingWire>> = {
  'openai-chat': openAIEmbeddingWire,
  gemini: geminiEmbeddingWire,
};

export interface EmbeddingHints {
  /** The model from the URL (Gemini). */
  model?: string;
  /** Gemini `:batchEmbedContents`. */
  batch?: boolean;
}

/**
 * Embeddings on the OpenAI surface (`/v1/embeddings`) and the Gemini one (`:embedContent`,
 * `:batchEmbedContents`), served by OpenAI-format or Gemini providers either way: the caller's body
 * passes through to a provider of its own format (model rewritten), and is translated for the
 * other. Usage is the provider's, or the gateway's estimate where the provider reports none.
 */
@Injectable()
export class EmbeddingsService {
  constructor(
    private readonly runner: EndpointRunner,
    @Inject(UpstreamClient) private readonly client: UpstreamClient,
  ) {}

  async embed(ctx: CallContext, body: unknown, hints: EmbeddingHints = {}): Promise<GatewayOutcome> {
    const surface = WIRES[ctx.surface]!;
    const caller = await this.runner.authenticate(ctx);
    const call = surface.parse(body, hints);
    const started = await this.runner.run(ctx, caller, {
      endpoint: 'embeddings',
      name: 'embeddings',
      model: call.model,
      visitTexts: (map) => call.visitTexts(map),
      serves: (adapter) => adapter.endpoints.has('embeddings') && WIRES[adapter.format] !== undefined,
      attempt: (deployment, adapter) => this.attempt(ctx, call, deployment, adapter),
    });
    const usage = started.result.usage ?? {
      inputTokens: estimateInputTokens(textRequest(call.model, call.input.texts, false, 0)),
      outputTokens: 0,
    };
    await started.finish({ usage });
    return {
      kind: 'json',
      status: 200,
      headers: started.headers(),
      body: call.encode({ ...started.result, usage }, call.model),
    };
  }

  private async attempt(
    ctx: CallContext,
    call: EmbeddingCall,
    deployment: DeploymentConfig,
    adapter: ProviderAdapter,
  ): Promise<EmbeddingResult> {
    const provider = WIRES[adapter.format]!;
    const sameWire = adapter.format === ctx.surface;
    if (!sameWire && call.tokenInput) throw tokenInputRefused();
    const upstream = sameWire
      ? call.passthrough(deployment.model)
      : provider.request(call.input, deployment.model);
    const json = await exchangeJson(this.client, deployment, adapter, {
      ...upstream,
      timeoutMs: this.runner.timeoutMs,
      signal: ctx.signal,
    });
    try {
      return provider.result(
        json,
        call.tokenInput ? countTokenInputs(upstream.body) : call.input.texts.length,
      );
    } catch (err) {
      throw unreadableAnswer('embeddings answer', err);
    }
  }
}

/** How many vectors a token-id input asks for: one for `number[]`, one per row of `number[][]`. */
function countTokenInputs(body: unknown): number {
  const input = (body as { input: unknown[] }).input;
  return Array.isArray(input[0]) ? input.length : 1;
}
