import { AuditCallBuilder } from './audit-call-builder';
import { AuditEventError, parseAuditEvent } from './audit-event-parser';

const valid = () => AuditCallBuilder.start({ requestId: 'req_9', keyId: 'k9' }).finish({ status: 200 })[0];

describe('parseAuditEvent', () => {
  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['request_id', { request_id: '' }],
    ['parent_id', { parent_id: 42 }],
    ['kind', { kind: 'banana' }],
    ['key_id', { key_id: 7 }],
    ['status', { status: 1000 }],
    ['input_tokens', { input_tokens: -1 }],
    ['output_tokens', { output_tokens: 1.5 }],
    ['cost_usd', { cost_usd: 'free' }],
    ['started_at', { started_at: 'yesterday' }],
    ['ended_at', { ended_at: 12 }],
    ['shield_verdicts.email', { shield_verdicts: { email: 'two' } }],
    ['details', { details: [1, 2] }],
  ])('names the bad field %s', (field, patch) => {
    const bad = { ...valid(), ...patch };
    expect(() => parseAuditEvent(bad)).toThrow(AuditEventError);
    expect(() => parseAuditEvent(bad)).toThrow(`audit event field ${field} `);
  });

  it('refuses a non-object', () => {
    expect(() => parseAuditEvent('{}')).toThrow('audit event field (root) must be an object');
  });

  it('drops NUL characters Postgres text cannot store', () => {
    expect(parseAuditEvent({ ...valid(), user_agent: 'a\u0000b' }).user_agent).toBe('ab');
  });

  it('fills absent optional fields with null', () => {
    const { id, request_id, kind, started_at } = valid();
    const parsed = parseAuditEvent({ id, request_id, kind, started_at });
    expect(parsed.key_id).toBeNull();
    expect(parsed.cost_usd).toBeNull();
    expect(parsed.details).toBeNull();
  });
});
