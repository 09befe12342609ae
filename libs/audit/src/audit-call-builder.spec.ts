import { AuditCallBuilder, MAX_BODY_CHARS } from './audit-call-builder';
import { parseAuditEvent } from './audit-event-parser';
import { uuidV7Time } from './uuid-v7';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');

function startCall(logBodies = false) {
  return AuditCallBuilder.start(
    {
      requestId: 'req_1',
      keyId: 'k1',
      surface: 'openai-chat',
      modelGroup: 'gpt-4o',
      clientIp: '10.0.0.7',
      userAgent: 'OpenAI/JS 6.0',
      logBodies,
    },
    T0,
  );
}

describe('AuditCallBuilder', () => {
  it('returns the call first, then its steps, each bound to the call and the key', () => {
    const call = startCall();
    const first = call.step('attempt', { deployment: 'openai#0', provider: 'openai' }, T0 + 1);
    first.end({ status: 429, error_class: 'rate_limit' }, T0 + 40);
    const second = call.step('attempt', { deployment: 'azure#0', provider: 'openai-compatible' }, T0 + 41);
    second.end({ status: 200 }, T0 + 300);
    call.usage({ inputTokens: 12, outputTokens: 30, cachedInputTokens: 4 }).set({ cost_usd: 0.00042 });
    const [record, ...steps] = call.finish({ status: 200, deployment: 'azure#0' }, T0 + 310);

    expect(record).toMatchObject({
      kind: 'call',
      parent_id: null,
      request_id: 'req_1',
      key_id: 'k1',
      surface: 'openai-chat',
      model_group: 'gpt-4o',
      status: 200,
      input_tokens: 12,
      output_tokens: 30,
      cached_tokens: 4,
      cost_usd: 0.00042,
      latency_ms: 310,
      client_ip: '10.0.0.7',
      user_agent: 'OpenAI/JS 6.0',
      started_at: '2026-03-01T10:00:00.000Z',
      ended_at: '2026-03-01T10:00:00.310Z',
    });
    expect(steps.map((s) => [s.kind, s.deployment, s.status, s.error_class, s.latency_ms])).toEqual([
      ['attempt', 'openai#0', 429, 'rate_limit', 39],
      ['attempt', 'azure#0', 200, null, 259],
    ]);
    for (const step of steps) {
      expect(step).toMatchObject({
        parent_id: record.id,
        request_id: 'req_1',
        key_id: 'k1',
        model_group: 'gpt-4o',
      });
      expect(step.client_ip).toBeNull();
    }
    expect(new Set([record.id, ...steps.map((s) => s.id)]).size).toBe(3);
  });

  it('produces records the consumer accepts unchanged', () => {
    const call = startCall(true);
    call.instant('shield', { shield_verdicts: { email: 1 }, details: { stage: 'pre' } }, T0 + 2);
    call.redactedBodies('hi [EMAIL]', 'hello');
    for (const event of call.finish({ status: 200 }, T0 + 5)) expect(parseAuditEvent(event)).toEqual(event);
  });

  it('ids are UUID v7 carrying the start time', () => {
    const call = startCall();
    const step = call.step('tool', {}, T0 + 7);
    expect(call.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV7Time(call.id)).toBe(T0);
    expect(uuidV7Time(step.id)).toBe(T0 + 7);
  });

  it('closes steps still open when the call finishes', () => {
    const call = startCall();
    call.step('tool', { details: { name: 'web_search' } }, T0 + 10);
    const [, tool] = call.finish({}, T0 + 50);
    expect(tool.ended_at).toBe('2026-03-01T10:00:00.050Z');
    expect(tool.latency_ms).toBe(40);
  });

  it('records time to first token once', () => {
    const call = startCall();
    call.firstToken(T0 + 120).firstToken(T0 + 500);
    expect(call.finish({}, T0 + 900)[0].ttft_ms).toBe(120);
  });

  it('sums the shield steps into the call unless set explicitly', () => {
    const call = startCall();
    call.instant('shield', { shield_verdicts: { email: 2, aws_key: 1 } }, T0);
    call.instant('shield', { shield_verdicts: { email: 1 } }, T0);
    expect(call.finish({}, T0)[0].shield_verdicts).toEqual({ email: 3, aws_key: 1 });

    const explicit = startCall();
    explicit.instant('shield', { shield_verdicts: { email: 2 } }, T0);
    expect(explicit.finish({ shield_verdicts: { iban: 1 } }, T0)[0].shield_verdicts).toEqual({ iban: 1 });
  });

  it('keeps bodies only when body logging is on, capped in length', () => {
    const off = startCall(false);
    off.redactedBodies('prompt', 'completion');
    expect(off.finish({}, T0)[0]).toMatchObject({ prompt: null, completion: null });

    const on = startCall(true);
    on.redactedBodies('x'.repeat(MAX_BODY_CHARS + 10), 'done');
    const [record] = on.finish({}, T0);
    expect(record.prompt).toHaveLength(MAX_BODY_CHARS);
    expect(record.completion).toBe('done');
    expect(record.details).toEqual({ bodies_truncated: true });
  });

  it('refuses to finish twice', () => {
    const call = startCall();
    call.finish({}, T0);
    expect(() => call.finish({}, T0)).toThrow(/already finished/);
  });
});
