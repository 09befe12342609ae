import type { DeploymentConfig } from '@verosek/config';
import { uuidV7 } from '@verosek/audit';
import type { GatewayErrorInfo, Usage } from '@verosek/protocol';
import type { AttemptRecord } from '@verosek/routing';
import type { Admission, Caller, Charge } from '../access/access-control';
import { totalUsage } from './turn-usage';
import { errorInfoOf } from '../http/error-responder';
import type { MetricsService } from '../metrics/metrics.service';
import type { AuditSink, CallRecord } from './audit-sink';
import type { CallContext } from './call-context';
import type { ShieldVerdict } from './shield-gate';

export interface CallEnd {
  /** The final turn's usage, and the deployment that served it. */
  usage?: Usage;
  deployment?: DeploymentConfig;
  /** Turns before the final one (a tool loop's), each charged at its own deployment. */
  earlierTurns?: Charge[];
  error?: unknown;
  ttftMs?: number;
}

/**
 * The record of one call on any endpoint, filled in as the call goes, then settled against the
 * key's budget, handed to audit and counted in the metrics exactly once, however the call ends.
 */
export class CallLedger {
  readonly record: CallRecord;
  private closed = false;

  constructor(
    private readonly audit: AuditSink,
    private readonly metrics: MetricsService,
    private readonly ctx: CallContext,
    caller: Caller,
    fields: { endpoint: string; modelGroup: string; stream: boolean },
  ) {
    const startedAt = new Date(Date.now() - (performance.now() - ctx.startedAt));
    this.record = {
      auditCallId: uuidV7(startedAt.getTime()),
      requestId: ctx.requestId,
      keyId: caller.keyId,
      surface: ctx.surface,
      endpoint: fields.endpoint,
      modelGroup: fields.modelGroup,
      status: 200,
      latencyMs: 0,
      stream: fields.stream,
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
      startedAt,
      shield: [],
      attempts: [],
    };
  }

  noteShield(verdict: ShieldVerdict): void {
    this.record.shield.push(verdict);
  }

  noteAttempts(attempts: AttemptRecord[]): void {
    this.record.attempts = attempts;
  }

  /** Settles the admission (if any) with the usage, then records the call; later calls do nothing. */
  async close(admission: Admission | undefined, end: CallEnd = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const r = this.record;
    if (end.error !== undefined) {
      const info: GatewayErrorInfo = errorInfoOf(end.error);
      r.status = info.status;
      r.errorClass = info.kind;
    }
    if (end.deployment) {
      r.deploymentId = end.deployment.id;
      r.provider = end.deployment.provider;
      r.providerModel = end.deployment.model;
    }
    const charges: Charge[] = [...(end.earlierTurns ?? []), { usage: end.usage, deployment: end.deployment }];
    const usage = totalUsage(charges);
    if (usage) {
      r.inputTokens = usage.inputTokens;
      r.outputTokens = usage.outputTokens;
      r.cachedTokens = usage.cachedInputTokens;
      r.reasoningTokens = usage.reasoningTokens;
    }
    if (end.ttftMs !== undefined) r.ttftMs = end.ttftMs;
    r.latencyMs = performance.now() - this.ctx.startedAt;
    try {
      if (admission) r.costUsd = await admission.settle(charges);
    } finally {
      const t = performance.now();
      this.audit.recordCall(r);
      this.metrics.observeStage('audit_enqueue', performance.now() - t);
      this.metrics.recordRequest({
        surface: r.surface,
        model: r.modelGroup,
        status: r.status,
        durationMs: r.latencyMs,
        upstreamMs: r.attempts.reduce((sum, a) => sum + a.durationMs, 0),
        provider: r.provider,
        ttftMs: r.ttftMs,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        costUsd: r.costUsd,
      });
    }
  }
}
