import type { AuditEvent, AuditEventKind, AuditSurface } from './audit-event';
import { blankEvent, type AuditOutcome } from './audit-call-builder';
import { hash } from 'node:crypto';
import { uuidV7 } from './uuid-v7';

export interface AuditStepInit {
  requestId: string;
  /** The id of the call record the step belongs to (AuditCallBuilder.id, or AuditCallInit.callId). */
  callId: string;
  keyId?: string | null;
  surface?: AuditSurface | null;
  modelGroup?: string | null;
  /**
   * Makes the record's id a function of this key (a UUID of version 8, from its SHA-256): a job
   * that is retried records the same step again under the same id, which the writer keeps once.
   * Without it the id is a fresh UUID v7.
   */
  idempotencyKey?: string;
}

/** A UUID (version 8, RFC 9562 "custom") derived from `key`. */
export function uuidFromKey(key: string): string {
  const h = hash('sha256', key, 'hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * One step record of a call that is recorded apart from the call itself, after or alongside it
 * (an asynchronous classifier's verdict, a key suspension): an instant under the call's request id,
 * parented to its call record, ready for `AuditProducer.record()`.
 */
export function auditStepEvent(
  init: AuditStepInit,
  kind: Exclude<AuditEventKind, 'call'>,
  fields: AuditOutcome = {},
  now: number = Date.now(),
): AuditEvent {
  const id = init.idempotencyKey === undefined ? uuidV7(now) : uuidFromKey(init.idempotencyKey);
  const event = blankEvent(id, init.requestId, init.callId, kind, now);
  event.key_id = init.keyId ?? null;
  event.surface = init.surface ?? null;
  event.model_group = init.modelGroup ?? null;
  Object.assign(event, fields);
  event.ended_at = event.started_at;
  event.latency_ms = 0;
  return event;
}
