import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentConfig, VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import type { CanonicalRequest, StreamEncoderOptions, SurfaceHints, Usage } from '@verosek/protocol';
import { codecFor, estimateInputTokens, GatewayError } from '@verosek/protocol';
import type { Admission, Caller } from '../access/access-control';
import { ACCESS_CONTROL, AccessControl } from '../access/access-control';
import type { RouteResult } from '@verosek/routing';
import { RouteExecutor, RouteFailedError } from '@verosek/routing';
import { ChatUpstream, OpenedChat } from '../upstream/chat-upstream';
import { clientErrorOf } from '../upstream/upstream-failure';
import type { CallRecord } from './audit-sink';
import { AUDIT_SINK, AuditSink } from './audit-sink';
import type { CallContext } from './call-context';
import type { GatewayOutcome } from './gateway-outcome';
import { ModelCatalog } from './model-catalog';
import type { ShieldVerdict } from './shield-gate';
import { SHIELD_GATE, ShieldGate } from './shield-gate';
import type { RelayResult } from './stream-relay';
import { relayStream } from './stream-relay';

export interface ChatCallOptions {
  hints?: SurfaceHints;
  framing?: StreamEncoderOptions['framing'];
}

/**
 * The hot path of a chat call on any surface (DESIGN §2): key, decode, admit, Shield pre, route
 * with fallback, Shield post, encode back, settle, audit.
 */
@Injectable()
export class ChatPipeline {
  constructor(
    @Inject(VEROSEK_CONFIG) private readonly config: VerosekConfig,
    @Inject(ACCESS_CONTROL) private readonly access: AccessControl,
    @Inject(SHIELD_GATE) private readonly shield: ShieldGate,
    private readonly router: RouteExecutor,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly catalog: ModelCatalog,
    private readonly upstream: ChatUpstream,
  ) {}

  async handle(ctx: CallContext, body: unknown, options: ChatCallOptions = {}): Promise<GatewayOutcome> {
    const codec = codecFor(ctx.surface);
    const caller = await this.access.authenticate(ctx.rawKey);
    const request = codec.decodeRequest(body, options.hints);
    const group = this.catalog.group(request.model);
    const admission = await this.access.admit(caller, group.name, request, group.deployments);
    const record = this.startRecord(ctx, caller, group.name, request.stream);

    let routed: RouteResult<OpenedChat>;
    try {
      record.shield.push(this.shield.inspectRequest(request, caller));
      routed = await this.router.execute(group.name, (deployment) =>
        this.upstream.open(deployment, request, {
          timeoutMs: this.config.routing.timeoutMs,
          forwardHeaders: ctx.forwardHeaders,
        }),
      );
    } catch (err) {
      let refusal = err;
      if (err instanceof RouteFailedError) {
        const info = clientErrorOf(err);
        refusal = new GatewayError(info.kind, info.message, info);
        record.attempts = err.attempts;
      }
      await this.finish(record, admission, ctx, undefined, undefined, refusal);
      throw refusal;
    }

    const { result: opened, deployment, attempts } = routed;
    record.attempts = attempts;
    const headers = {
      'x-verosek-deployment': deployment.id,
      'x-verosek-attempts': String(attempts.length),
    };

    if (!opened.stream) {
      const verdict = this.shield.inspectResponse(opened.response, caller);
      record.shield.push(verdict);
      await this.finish(record, admission, ctx, opened.response.usage, deployment);
      return {
        kind: 'json',
        status: 200,
        headers: this.withBudget(headers, admission),
        body: codec.encodeResponse(opened.response, request.model),
      };
    }

    const encoder = codec.createStreamEncoder({
      model: request.model,
      includeUsage: request.includeUsage ?? false,
      framing: options.framing,
    });
    const streamShield = this.shield.streamShield(caller);
    const relay: RelayResult = { outputChars: 0, completed: false };
    const chunks = this.streamAndSettle(
      relayStream(opened.head, opened.rest, encoder, streamShield, ctx.startedAt, relay),
      () => {
        if (!relay.completed) opened.abort();
        record.shield.push(streamShield.verdict());
        record.ttftMs = relay.ttftMs;
        if (relay.error) Object.assign(record, { status: relay.error.status, errorClass: relay.error.kind });
        return this.finish(record, admission, ctx, relay.usage ?? estimatePartialUsage(request, relay), deployment);
      },
    );
    return { kind: 'stream', status: 200, headers: this.withBudget(headers, admission), chunks };
  }

  /** Settles and audits once the stream ends, however it ends (done, failed, or cut by the client). */
  private async *streamAndSettle(chunks: AsyncGenerator<string>, onEnd: () => Promise<void>): AsyncGenerator<string> {
    try {
      yield* chunks;
    } finally {
      await onEnd();
    }
  }

  private startRecord(ctx: CallContext, caller: Caller, modelGroup: string, stream: boolean): CallRecord {
    return {
      requestId: ctx.requestId,
      keyId: caller.keyId,
      surface: ctx.surface,
      endpoint: 'chat',
      modelGroup,
      status: 200,
      latencyMs: 0,
      stream,
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      startedAt: new Date(Date.now() - (performance.now() - ctx.startedAt)),
      shield: [] as ShieldVerdict[],
      attempts: [],
    };
  }

  private async finish(
    record: CallRecord,
    admission: Admission,
    ctx: CallContext,
    usage: Usage | undefined,
    deployment: DeploymentConfig | undefined,
    error?: unknown,
  ): Promise<void> {
    if (error) {
      const info = error instanceof GatewayError ? error.info : (error as { info?: GatewayError['info'] }).info;
      record.status = info?.status ?? 500;
      record.errorClass = info?.kind ?? 'internal';
    }
    if (deployment) {
      record.deploymentId = deployment.id;
      record.provider = deployment.provider;
      record.providerModel = deployment.model;
    }
    if (usage) {
      record.inputTokens = usage.inputTokens;
      record.outputTokens = usage.outputTokens;
      record.cachedTokens = usage.cachedInputTokens;
      record.reasoningTokens = usage.reasoningTokens;
    }
    record.latencyMs = performance.now() - ctx.startedAt;
    try {
      record.costUsd = await admission.settle(usage, deployment);
    } finally {
      this.audit.recordCall(record);
    }
  }

  private withBudget(headers: Record<string, string>, admission: Admission): Record<string, string> {
    const remaining = admission.remainingUsd();
    return remaining === undefined ? headers : { ...headers, 'x-verosek-budget-remaining': remaining.toFixed(6) };
  }
}

/** A stream cut before its usage arrived is charged for what was produced (~4 characters a token). */
function estimatePartialUsage(request: CanonicalRequest, relay: RelayResult): Usage | undefined {
  if (relay.outputChars === 0) return undefined;
  return { inputTokens: estimateInputTokens(request), outputTokens: Math.ceil(relay.outputChars / 4) };
}
