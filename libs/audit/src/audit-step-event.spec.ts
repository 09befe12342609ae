import { AuditCallBuilder } from './audit-call-builder';
import { parseAuditEvent } from './audit-event-parser';
import { auditStepEvent } from './audit-step-event';

describe('auditStepEvent', () => {
  it('makes a valid instant step of an existing call, under its request id and call record', () => {
    const callId = '0190c3a4-7a10-7c2e-9b1d-1a2b3c4d5e6f';
    const at = Date.UTC(2026, 10, 29, 12, 0, 0);
    const step = auditStepEvent(
      { requestId: 'req_1', callId, keyId: 'k1', surface: 'openai-chat', modelGroup: 'gpt' },
      'shield',
      { details: { stage: 'classifiers', flagged: ['injection'] } },
      at,
    );
    expect(step).toMatchObject({
      request_id: 'req_1',
      parent_id: callId,
      kind: 'shield',
      key_id: 'k1',
      surface: 'openai-chat',
      model_group: 'gpt',
      started_at: '2026-11-29T12:00:00.000Z',
      ended_at: '2026-11-29T12:00:00.000Z',
      latency_ms: 0,
      details: { stage: 'classifiers', flagged: ['injection'] },
    });
    expect(step.id).not.toBe(callId);
    expect(parseAuditEvent(JSON.parse(JSON.stringify(step)))).toEqual(step);
  });

  it('gives the same id to the same idempotency key, so a retried job records its step once', () => {
    const init = { requestId: 'req_4', callId: '0190c3a4-7a10-7c2e-9b1d-1a2b3c4d5e71' };
    const a = auditStepEvent({ ...init, idempotencyKey: 'call-x:classifiers' }, 'shield', {}, 1000);
    const b = auditStepEvent({ ...init, idempotencyKey: 'call-x:classifiers' }, 'shield', {}, 2000);
    const c = auditStepEvent({ ...init, idempotencyKey: 'call-x:key_suspension' }, 'shield', {}, 1000);
    expect(a.id).toBe(b.id);
    expect(c.id).not.toBe(a.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseAuditEvent(JSON.parse(JSON.stringify(a))).id).toBe(a.id);
    expect(auditStepEvent(init, 'shield').id).not.toBe(auditStepEvent(init, 'shield').id);
  });

  it('lets a call take an id chosen in advance, so steps recorded elsewhere find their parent', () => {
    const callId = '0190c3a4-7a10-7c2e-9b1d-1a2b3c4d5e70';
    const [call] = AuditCallBuilder.start({ requestId: 'req_2', callId }).finish();
    expect(call.id).toBe(callId);
    const [generated] = AuditCallBuilder.start({ requestId: 'req_3' }).finish();
    expect(generated.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
