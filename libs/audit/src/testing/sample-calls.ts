import { AuditCallBuilder } from '../audit-call-builder';
import type { AuditEvent } from '../audit-event';

/** A call as the pipeline records it: a failed attempt, a fallback attempt and a Shield verdict. */
export function sampleCall(requestId: string, keyId: string, startedMs = Date.now()): AuditEvent[] {
  const call = AuditCallBuilder.start(
    {
      requestId,
      keyId,
      surface: 'openai-chat',
      modelGroup: 'gpt-4o',
      clientIp: '127.0.0.1',
      userAgent: 'test',
    },
    startedMs,
  );
  call.instant(
    'shield',
    { shield_verdicts: { email: 1 }, details: { stage: 'pre', action: 'redact' } },
    startedMs,
  );
  call
    .step('attempt', { deployment: 'primary', provider: 'openai' }, startedMs + 1)
    .end({ status: 503 }, startedMs + 5);
  call
    .step('attempt', { deployment: 'backup', provider: 'anthropic' }, startedMs + 6)
    .end({ status: 200 }, startedMs + 20);
  call.usage({ inputTokens: 10, outputTokens: 20 });
  return call.finish(
    { status: 200, deployment: 'backup', provider: 'anthropic', cost_usd: 0.0001 },
    startedMs + 21,
  );
}

export const STEPS_PER_SAMPLE_CALL = 3;
