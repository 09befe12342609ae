import { Inject, Injectable } from '@nestjs/common';
import type { ModelGroupConfig, VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import type {
  CanonicalRequest,
  StreamEncoderOptions,
  SurfaceHints,
  Usage,
  WireCodec,
} from '@verosek/protocol';
import { codecFor, estimateInputTokens, GatewayError } from '@verosek/protocol';
import type { RouteResult } from '@verosek/routing';
import { RouteExecutor, RouteFailedError } from '@verosek/routing';
import type { Admission, Caller } from '../access/access-control';
import { ACCESS_CONTROL, AccessControl } from '../access/access-control';
import { errorInfoOf } from '../http/error-responder';
import { MetricsService } from '../metrics/metrics.service';
import { ShieldClassifierProducer } from '../shield-async';
import { ToolLoop } from '../tools/tool-loop';
import { ToolLoopTrace } from '../tools/tool-loop-trace';
import { ToolRegistry } from '../tools/tool-registry';
import type { OpenedChat, PassedChat, PassthroughCall } from '../upstream/chat-upstream';
import { ChatUpstream } from '../upstream/chat-upstream';
import { clientErrorOf } from '../upstream/upstream-failure';
import { AUDIT_SINK, AuditSink } from './audit-sink';
import type { CallContext } from './call-context';
import { CallLedger } from './call-ledger';
import type { GatewayOutcome } from './gateway-outcome';
import { ModelCatalog } from './model-catalog';
import { relayPassthrough } from './passthrough-relay';
import type { RequestVerdict, StreamShield } from './shield-gate';
import { SHIELD_GATE, ShieldGate } from './shield-gate';
import type { RelayResult } from './stream-relay';
import { relayStream } from './stream-relay';

export interface ChatCallOptions {
  hints?: SurfaceHints;
  framing?: StreamEncoderOptions['framing'];
}

/**
 * The hot path of a chat call on any surface (DESIGN §2): key, decode, admit, Shield pre, route
 * with fallback, Shield post, encode back, settle, audit. Each stage's time goes to the
 * `verosek_stage_duration_seconds` histogram.
 */
@Injectable()
export class ChatPipeline {
  private readonly toolLoop: ToolLoop;

  constructor(
    @Inject(VEROSEK_CONFIG) private readonly config: VerosekConfig,
    @Inject(ACCESS_CONTROL) private readonly access: AccessControl,
    @Inject(SHIELD_GATE) private readonly shield: ShieldGate,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly router: RouteExecutor,
    private readonly catalog: ModelCatalog,
    private readonly upstream: ChatUpstream,
    private readonly metrics: MetricsService,
    private readonly classifiers: ShieldClassifierProducer,
    private readonly tools: ToolRegistry,
  ) {
    this.toolLoop = new ToolLoop(shield, tools.config);
  }

  async handle(ctx: CallContext, body: unknown, options: ChatCallOptions = {}): Promise<GatewayOutcome> {
    const codec = codecFor(ctx.surface);
    let t = performance.now();
    let caller: Caller, request: CanonicalRequest, group: ModelGroupConfig, admission: Admission;
    try {
      caller = await this.access.authenticate(ctx.rawKey);
      t = this.stage('key_check', t);
      request = codec.decodeRequest(body, options.hints);
      t = this.stage('translation', t);
      group = this.catalog.group(request.model);
      admission = await this.access.admit(caller, group.name, request, group.deployments);
      t = this.stage('key_check', t);
    } catch (err) {
      this.metrics.recordRequest({
        surface: ctx.surface,
        model: '-',
        status: errorInfoOf(err).status,
        durationMs: performance.now() - ctx.startedAt,
      });
      throw err;
    }
    const ledger = new CallLedger(this.audit, this.metrics, ctx, caller, {
      endpoint: 'chat',
      modelGroup: request.model,
      stream: request.stream,
    });
    const toolTrace = new ToolLoopTrace((ledger.record.toolSteps = []));

    const streamShield = this.shield.streamShield(caller);
    let routed: RouteResult<OpenedChat | PassedChat>;
    try {
      const { texts, ...pre } = this.shield.inspectRequest(request, caller);
      ledger.noteShield(pre);
      t = this.stage('shield_pre', t);
      this.classifiers.enqueue({
        request_id: ctx.requestId,
        call_id: ledger.record.auditCallId,
        key_id: caller.keyId,
        texts,
        surface: ctx.surface,
        model_group: request.model,
      });
      const upstreamOptions = {
        timeoutMs: this.config.routing.timeoutMs,
        forwardHeaders: ctx.forwardHeaders,
      };
      const tools = await this.tools.offeredTo(caller, group);
      if (tools.length) {
        routed = await this.toolLoop.run({
          request,
          tools,
          caller,
          trace: toolTrace,
          noteShield: (v) => ledger.noteShield(v),
          openTurn: (turn) =>
            this.router.execute(turn.model, (deployment) =>
              this.upstream.open(deployment, turn, upstreamOptions),
            ),
        });
      } else {
        const passthrough = passthroughOf(codec, body, request, pre, streamShield, options.framing);
        routed = await this.router.execute<OpenedChat | PassedChat>(request.model, (deployment) =>
          passthrough && this.upstream.formatOf(deployment) === codec.format
            ? this.upstream.passThrough(deployment, passthrough, upstreamOptions)
            : this.upstream.open(deployment, request, upstreamOptions),
        );
      }
    } catch (err) {
      let refusal = err;
      if (err instanceof RouteFailedError) {
        const info = clientErrorOf(err);
        refusal = new GatewayError(info.kind, info.message, info);
        ledger.noteAttempts([...toolTrace.attempts, ...err.attempts]);
      } else {
        ledger.noteAttempts(toolTrace.attempts);
      }
      // Internal turns already run are charged, whatever ended the call.
      await ledger.close(admission, { error: refusal, earlierTurns: toolTrace.turns });
      throw refusal;
    }

    const { result: opened, deployment, attempts } = routed;
    ledger.noteAttempts([...toolTrace.attempts, ...attempts]);
    const headers = {
      'x-verosek-deployment': deployment.id,
      'x-verosek-attempts': String(attempts.length),
    };

    if (!opened.stream) {
      t = performance.now();
      const post = this.shield.inspectResponse(opened.response, caller);
      ledger.noteShield(post);
      t = this.stage('shield_post', t);
      // A passed-through answer goes back as the provider wrote it, unless the Shield rewrote it.
      const answer =
        'passthrough' in opened && post.verdict !== 'redact'
          ? opened.body
          : codec.encodeResponse(opened.response, request.model);
      this.stage('translation', t);
      await ledger.close(admission, {
        usage: opened.response.usage,
        deployment,
        earlierTurns: toolTrace.turns,
      });
      return { kind: 'json', status: 200, headers: this.withBudget(headers, admission), body: answer };
    }

    const encoder = codec.createStreamEncoder({
      model: request.model,
      includeUsage: request.includeUsage ?? false,
      framing: options.framing,
    });
    const relay: RelayResult = { outputChars: 0, completed: false };
    const relayed =
      'passthrough' in opened
        ? relayPassthrough(
            opened.head,
            opened.rest,
            {
              rules: codec.passthrough,
              clientAskedUsage: request.includeUsage ?? false,
              encoder,
              startedAt: ctx.startedAt,
            },
            relay,
          )
        : relayStream(opened.head, opened.rest, encoder, streamShield, ctx.startedAt, relay);
    const chunks = this.streamAndSettle(relayed, () => {
      if (!relay.completed) opened.abort();
      ledger.noteShield(streamShield.verdict());
      return ledger.close(admission, {
        usage: relay.usage ?? estimatePartialUsage(request, relay),
        deployment,
        earlierTurns: toolTrace.turns,
        ttftMs: relay.ttftMs,
        error: relay.error ? new GatewayError(relay.error.kind, relay.error.message, relay.error) : undefined,
      });
    });
    return { kind: 'stream', status: 200, headers: this.withBudget(headers, admission), chunks };
  }

  /** Observes the time since `since` for a stage; returns now, the next stage's start. */
  private stage(stage: Parameters<MetricsService['observeStage']>[0], since: number): number {
    const now = performance.now();
    this.metrics.observeStage(stage, now - since);
    return now;
  }

  /** Settles and audits once the stream ends, however it ends (done, failed, or cut by the client). */
  private async *streamAndSettle(
    chunks: AsyncGenerator<string>,
    onEnd: () => Promise<void>,
  ): AsyncGenerator<string> {
    try {
      yield* chunks;
    } finally {
      await onEnd();
    }
  }

  private withBudget(headers: Record<string, string>, admission: Admission): Record<string, string> {
    const remaining = admission.remainingUsd();
    return remaining === undefined
      ? headers
      : { ...headers, 'x-verosek-budget-remaining': remaining.toFixed(6) };
  }
}

/** A stream cut before its usage arrived is charged for what was produced (~4 characters a token). */
function estimatePartialUsage(request: CanonicalRequest, relay: RelayResult): Usage | undefined {
  if (relay.outputChars === 0) return undefined;
  return { inputTokens: estimateInputTokens(request), outputTokens: Math.ceil(relay.outputChars / 4) };
}

/**
 * The caller's body, for deployments that speak the caller's format, unless the gateway must rewrite
 * the prompt (Shield pre redacted it; gateway tools are handled before this). The answer comes back
 * as the provider wrote it, except a stream while Shield post is on (its sliding window holds back
 * and rewrites text) or in Gemini's JSON-array framing (providers are asked for SSE): those are
 * decoded and encoded again.
 */
function passthroughOf(
  codec: WireCodec,
  body: unknown,
  request: CanonicalRequest,
  pre: Omit<RequestVerdict, 'texts'>,
  streamShield: StreamShield,
  framing: StreamEncoderOptions['framing'],
): PassthroughCall | undefined {
  if (pre.verdict === 'redact' || typeof body !== 'object' || body === null) return undefined;
  return {
    codec,
    body: body as Record<string, unknown>,
    stream: request.stream,
    relayFrames: request.stream && streamShield.passive && framing !== 'json-array',
  };
}
