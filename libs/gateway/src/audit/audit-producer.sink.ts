import { Injectable } from '@nestjs/common';
import { AuditCallBuilder, AuditProducer } from '@verosek/audit';
import type { AuditOutcome } from '@verosek/audit';
import type { AuditSink, CallRecord } from '../pipeline/audit-sink';
import type { ToolLoopStep } from '../tools/tool-step';

/**
 * Turns the pipeline's call record into audit events (the call, one step per upstream attempt and
 * one per Shield verdict, all under the call's request_id and key_id) and hands them to the
 * producer, which never blocks.
 */
@Injectable()
export class AuditProducerSink implements AuditSink {
  constructor(private readonly producer: AuditProducer) {}

  recordCall(r: CallRecord): void {
    const start = r.startedAt.getTime();
    const call = AuditCallBuilder.start(
      {
        callId: r.auditCallId,
        requestId: r.requestId,
        keyId: r.keyId,
        surface: r.surface,
        modelGroup: r.modelGroup,
        clientIp: r.clientIp,
        userAgent: r.userAgent,
      },
      start,
    );
    let at = start;
    for (const a of r.attempts) {
      call
        .step(
          a.attempt > 1 ? 'fallback' : 'attempt',
          {
            model_group: a.modelGroup,
            deployment: a.deploymentId,
            provider: a.provider,
            status: a.status ?? (a.outcome === 'success' ? 200 : null),
            error_class: a.failureKind ?? null,
            details: { attempt: a.attempt, outcome: a.outcome, probe: a.probe },
          },
          at,
        )
        .end({}, at + a.durationMs);
      at += Math.round(a.durationMs);
    }
    for (const s of r.shield) {
      call.instant(
        'shield',
        {
          shield_verdicts: Object.fromEntries(s.findings.map((f) => [f.type, f.count])),
          details: { direction: s.direction, verdict: s.verdict },
        },
        s.direction === 'pre' ? start : start + Math.round(r.latencyMs),
      );
    }
    for (const t of r.toolSteps ?? [])
      call.step('tool', toolStepOutcome(t), t.startedAt).end({}, t.startedAt + Math.round(t.durationMs));
    this.producer.record(
      call.finish(
        {
          deployment: r.deploymentId ?? null,
          provider: r.provider ?? null,
          status: r.status,
          error_class: r.errorClass ?? null,
          input_tokens: r.inputTokens ?? null,
          output_tokens: r.outputTokens ?? null,
          cached_tokens: r.cachedTokens ?? null,
          cost_usd: r.costUsd ?? null,
          ttft_ms: r.ttftMs === undefined ? null : Math.round(r.ttftMs),
          details: {
            endpoint: r.endpoint,
            stream: r.stream,
            provider_model: r.providerModel,
            reasoning_tokens: r.reasoningTokens,
          },
        },
        start + Math.round(r.latencyMs),
      ),
    );
  }
}

/** A tool-loop step as an audit step: a model turn (deployment, tokens) or a tool run (name, redacted arguments, size, status). */
function toolStepOutcome(t: ToolLoopStep): AuditOutcome {
  if (t.step === 'model_turn') {
    return {
      deployment: t.deploymentId,
      provider: t.provider,
      status: 200,
      input_tokens: t.inputTokens,
      output_tokens: t.outputTokens,
      details: { step: t.step, turn: t.turn, tool_calls: t.toolCalls },
    };
  }
  return {
    status: t.status === 'ok' ? 200 : null,
    error_class: t.status === 'ok' ? null : `tool_${t.status}`,
    details: {
      step: t.step,
      turn: t.turn,
      name: t.name,
      source: t.source,
      arguments: t.arguments,
      result_chars: t.resultChars,
      status: t.status,
      ...(t.error === undefined ? {} : { error: t.error }),
    },
  };
}
