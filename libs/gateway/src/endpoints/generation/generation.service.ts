import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@verosek/config';
import type { Usage } from '@verosek/protocol';
import type { ProviderAdapter } from '@verosek/providers';
import { UpstreamClient } from '@verosek/providers';
import type { Caller } from '../../access/access-control';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import { SHIELD_GATE, ShieldGate } from '../../pipeline/shield-gate';
import type { RelayResult } from '../../pipeline/stream-relay';
import { relayStream } from '../../pipeline/stream-relay';
import type { OpenedChat } from '../../upstream/chat-upstream';
import { ChatUpstream } from '../../upstream/chat-upstream';
import { openAtFirstToken } from '../../upstream/first-token-stream';
import { EndpointRunner, type StartedCall } from '../shared/endpoint-runner';
import { readJson, sendToEndpoint } from '../shared/endpoint-upstream';
import { requireObject } from './body-fields';
import type { GenerationCall, GenerationSurface } from './generation-surface';

/**
 * Responses and Completions on any provider: passed through to a provider that has the endpoint
 * (model rewritten, prompt texts through the Shield), translated to a chat call for the others.
 * Either way the answer is read into the canonical model, so the Shield post (with its sliding
 * window on streams) applies, then encoded in the caller's format.
 */
@Injectable()
export class GenerationService {
  constructor(
    private readonly runner: EndpointRunner,
    private readonly chat: ChatUpstream,
    @Inject(SHIELD_GATE) private readonly shield: ShieldGate,
    @Inject(UpstreamClient) private readonly client: UpstreamClient,
  ) {}

  async generate(ctx: CallContext, surface: GenerationSurface, raw: unknown): Promise<GatewayOutcome> {
    const caller = await this.runner.authenticate(ctx);
    const body = requireObject(raw);
    const call = surface.inspect(body);
    const started = await this.runner.run(ctx, caller, {
      endpoint: surface.endpoint,
      name: surface.endpoint,
      model: call.model,
      stream: call.stream,
      maxOutputTokens: call.maxOutputTokens,
      visitTexts: (map) => call.visitTexts(map),
      serves: (adapter) => adapter.endpoints.has(surface.endpoint) || adapter.endpoints.has('chat'),
      attempt: (deployment, adapter) =>
        adapter.endpoints.has(surface.endpoint)
          ? this.passthrough(ctx, surface, body, deployment, adapter, call.stream)
          : this.chat.open(deployment, surface.codec.decodeRequest(body), {
              timeoutMs: this.runner.timeoutMs,
              forwardHeaders: {},
            }),
    });
    const opened = started.result;
    if (!opened.stream) {
      started.noteShield(this.shield.inspectResponse(opened.response, caller));
      await started.finish({ usage: opened.response.usage });
      return {
        kind: 'json',
        status: 200,
        headers: started.headers(),
        body: surface.codec.encodeResponse(opened.response, call.model),
      };
    }
    return {
      kind: 'stream',
      status: 200,
      headers: started.headers(),
      chunks: this.relay(ctx, surface, call, caller, started),
    };
  }

  private async passthrough(
    ctx: CallContext,
    surface: GenerationSurface,
    body: Record<string, unknown>,
    deployment: DeploymentConfig,
    adapter: ProviderAdapter,
    stream: boolean,
  ): Promise<OpenedChat> {
    const abort = new AbortController();
    const answer = await sendToEndpoint(this.client, deployment, adapter, {
      path: surface.path,
      body: JSON.stringify(surface.passthrough(body, deployment.model)),
      timeoutMs: this.runner.timeoutMs,
      signal: abort.signal,
    });
    if (!stream) return { stream: false, response: surface.codec.decodeResponse(await readJson(answer)) };
    const opened = await openAtFirstToken(answer.body, surface.codec.createStreamDecoder());
    return { stream: true, ...opened, abort: () => abort.abort() };
  }

  /** Relays the stream through the Shield; settles and audits once it ends, however it ends. */
  private async *relay(
    ctx: CallContext,
    surface: GenerationSurface,
    call: GenerationCall,
    caller: Caller,
    started: StartedCall<OpenedChat>,
  ): AsyncGenerator<string> {
    const opened = started.result as Extract<OpenedChat, { stream: true }>;
    const encoder = surface.codec.createStreamEncoder({ model: call.model, includeUsage: call.includeUsage });
    const streamShield = this.shield.streamShield(caller);
    const relay: RelayResult = { outputChars: 0, completed: false };
    try {
      yield* relayStream(opened.head, opened.rest, encoder, streamShield, ctx.startedAt, relay);
    } finally {
      if (!relay.completed) opened.abort();
      started.noteShield(streamShield.verdict());
      await started.finish({
        usage: relay.usage ?? partialUsage(relay),
        ttftMs: relay.ttftMs,
        error: relay.error && { info: relay.error },
      });
    }
  }
}

/** A stream cut before its usage arrived is charged for the output seen (~4 characters a token). */
function partialUsage(relay: RelayResult): Usage | undefined {
  return relay.outputChars === 0
    ? undefined
    : { inputTokens: 0, outputTokens: Math.ceil(relay.outputChars / 4) };
}
