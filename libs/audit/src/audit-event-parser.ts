import { AUDIT_EVENT_KINDS, AuditEvent, AuditEventKind } from './audit-event';

export class AuditEventError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`audit event field ${field} ${problem}`);
    this.name = 'AuditEventError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Largest values of the status (an HTTP status) and of the integer columns. */
const STATUS_MAX = 999;
const INTEGER_MAX = 2 ** 31 - 1;
/** Postgres text cannot hold NUL; a body may contain one. */
const NUL = '\u0000';

/**
 * Validates a record taken off the queue before it reaches SQL: a malformed job fails with an
 * error naming the field (and is kept as a failed job) instead of poisoning a whole batch.
 */
export function parseAuditEvent(data: unknown): AuditEvent {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AuditEventError('(root)', 'must be an object');
  }
  const raw = data as Record<string, unknown>;
  // One literal with every field: the events of a batch share one shape.
  return {
    id: uuid(raw, 'id'),
    request_id: requiredString(raw, 'request_id'),
    parent_id: raw.parent_id == null ? null : uuid(raw, 'parent_id'),
    kind: kind(raw),
    started_at: timestamp(raw, 'started_at', true)!,
    ended_at: timestamp(raw, 'ended_at', false),
    cost_usd: cost(raw),
    shield_verdicts: verdicts(raw),
    details: details(raw),
    key_id: optionalString(raw, 'key_id'),
    surface: optionalString(raw, 'surface'),
    model_group: optionalString(raw, 'model_group'),
    deployment: optionalString(raw, 'deployment'),
    provider: optionalString(raw, 'provider'),
    error_class: optionalString(raw, 'error_class'),
    client_ip: optionalString(raw, 'client_ip'),
    user_agent: optionalString(raw, 'user_agent'),
    prompt: optionalString(raw, 'prompt'),
    completion: optionalString(raw, 'completion'),
    status: integer(raw, 'status', STATUS_MAX),
    input_tokens: integer(raw, 'input_tokens', INTEGER_MAX),
    output_tokens: integer(raw, 'output_tokens', INTEGER_MAX),
    cached_tokens: integer(raw, 'cached_tokens', INTEGER_MAX),
    latency_ms: integer(raw, 'latency_ms', INTEGER_MAX),
    ttft_ms: integer(raw, 'ttft_ms', INTEGER_MAX),
  };
}

function uuid(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || !UUID.test(value)) throw new AuditEventError(field, 'must be a UUID');
  return value.toLowerCase();
}

function requiredString(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value.length === 0)
    throw new AuditEventError(field, 'must be a non-empty string');
  return value;
}

function optionalString(raw: Record<string, unknown>, field: string): string | null {
  const value = raw[field];
  if (value == null) return null;
  if (typeof value !== 'string') throw new AuditEventError(field, 'must be a string or null');
  return value.includes(NUL) ? value.replaceAll(NUL, '') : value;
}

function kind(raw: Record<string, unknown>): AuditEventKind {
  const value = raw.kind;
  if (!AUDIT_EVENT_KINDS.includes(value as AuditEventKind)) {
    throw new AuditEventError('kind', `must be one of ${AUDIT_EVENT_KINDS.join(', ')}`);
  }
  return value as AuditEventKind;
}

function timestamp(raw: Record<string, unknown>, field: string, required: boolean): string | null {
  const value = raw[field];
  if (value == null && !required) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new AuditEventError(field, 'must be an ISO 8601 timestamp');
  }
  return value;
}

function integer(raw: Record<string, unknown>, field: string, max: number): number | null {
  const value = raw[field];
  if (value == null) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) {
    throw new AuditEventError(field, `must be an integer from 0 to ${max}, or null`);
  }
  return value as number;
}

/** numeric(20, 10) holds up to 10^10. */
function cost(raw: Record<string, unknown>): number | null {
  const value = raw.cost_usd;
  if (value == null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1e10) {
    throw new AuditEventError('cost_usd', 'must be a number from 0 to 10^10 (USD), or null');
  }
  return value;
}

function verdicts(raw: Record<string, unknown>): Record<string, number> | null {
  const value = raw.shield_verdicts;
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AuditEventError('shield_verdicts', 'must be an object of detector type -> count');
  }
  for (const [type, n] of Object.entries(value)) {
    if (!Number.isSafeInteger(n) || (n as number) < 0) {
      throw new AuditEventError(`shield_verdicts.${type}`, 'must be a non-negative integer');
    }
  }
  return value as Record<string, number>;
}

function details(raw: Record<string, unknown>): Record<string, unknown> | null {
  const value = raw.details;
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new AuditEventError('details', 'must be an object');
  return value as Record<string, unknown>;
}
