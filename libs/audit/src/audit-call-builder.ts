import type { AuditEvent, AuditEventKind, AuditSurface, ShieldVerdictCounts } from './audit-event';
import { isoTimestamp } from './iso-timestamp';
import { uuidV7 } from './uuid-v7';

/** Longest prompt or completion body kept in a record; longer ones are cut and flagged in details. */
export const MAX_BODY_CHARS = 64 * 1024;

export interface AuditCallInit {
  requestId: string;
  /**
   * The call record's id, when it must be known before the call ends (a step recorded elsewhere,
   * such as an asynchronous classifier verdict, points at it). Default: a fresh UUID v7.
   */
  callId?: string;
  keyId?: string | null;
  surface?: AuditSurface | null;
  modelGroup?: string | null;
  clientIp?: string | null;
  userAgent?: string | null;
  /** Keep prompt and completion bodies (config audit.logBodies, or the key's own setting). */
  logBodies?: boolean;
}

/** What the pipeline learns while a call or step runs. */
export type AuditOutcome = Partial<
  Pick<
    AuditEvent,
    | 'model_group'
    | 'deployment'
    | 'provider'
    | 'status'
    | 'error_class'
    | 'input_tokens'
    | 'output_tokens'
    | 'cached_tokens'
    | 'cost_usd'
    | 'ttft_ms'
    | 'shield_verdicts'
    | 'details'
  >
>;

/** Token usage as the canonical model reports it (structurally; audit does not import protocol). */
export interface UsageCounts {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

/** A step in progress (an upstream attempt, a tool run...). */
export class AuditStep {
  private ended = false;

  constructor(
    private readonly event: AuditEvent,
    private readonly startedMs: number,
  ) {}

  get id(): string {
    return this.event.id;
  }

  end(fields: AuditOutcome = {}, now: number = Date.now()): void {
    if (this.ended) return;
    this.ended = true;
    Object.assign(this.event, fields);
    this.event.ended_at = isoTimestamp(now);
    this.event.latency_ms = Math.max(0, now - this.startedMs);
  }
}

/**
 * Collects one call's audit records on the hot path: plain object writes, no I/O, no validation
 * beyond what costs nothing. `finish()` returns the call record followed by its steps, ready for
 * `AuditProducer.record()`.
 */
export class AuditCallBuilder {
  private readonly call: AuditEvent;
  private readonly steps: AuditStep[] = [];
  private readonly stepEvents: AuditEvent[] = [];
  private readonly logBodies: boolean;
  private finished = false;

  private constructor(
    init: AuditCallInit,
    private readonly startedMs: number,
  ) {
    this.logBodies = init.logBodies ?? false;
    this.call = blankEvent(init.callId ?? uuidV7(startedMs), init.requestId, null, 'call', startedMs);
    this.call.key_id = init.keyId ?? null;
    this.call.surface = init.surface ?? null;
    this.call.model_group = init.modelGroup ?? null;
    this.call.client_ip = init.clientIp ?? null;
    this.call.user_agent = init.userAgent ?? null;
  }

  static start(init: AuditCallInit, now: number = Date.now()): AuditCallBuilder {
    return new AuditCallBuilder(init, now);
  }

  get id(): string {
    return this.call.id;
  }

  get requestId(): string {
    return this.call.request_id;
  }

  set(fields: AuditOutcome): this {
    Object.assign(this.call, fields);
    return this;
  }

  usage(usage: UsageCounts): this {
    this.call.input_tokens = usage.inputTokens;
    this.call.output_tokens = usage.outputTokens;
    this.call.cached_tokens = usage.cachedInputTokens ?? null;
    return this;
  }

  /** Marks the first byte of the answer sent to the client; only the first call counts. */
  firstToken(now: number = Date.now()): this {
    if (this.call.ttft_ms === null) this.call.ttft_ms = Math.max(0, now - this.startedMs);
    return this;
  }

  /** Bodies are kept only when body logging is on; pass Shield's redacted text, never the raw one. */
  redactedBodies(prompt: string | null, completion: string | null): this {
    if (!this.logBodies) return this;
    this.call.prompt = this.capped(prompt);
    this.call.completion = this.capped(completion);
    return this;
  }

  /** Opens a step; it inherits the call's request, key, surface and model group. */
  step(
    kind: Exclude<AuditEventKind, 'call'>,
    fields: AuditOutcome = {},
    now: number = Date.now(),
  ): AuditStep {
    const event = blankEvent(uuidV7(now), this.call.request_id, this.call.id, kind, now);
    event.key_id = this.call.key_id;
    event.surface = this.call.surface;
    event.model_group = this.call.model_group;
    Object.assign(event, fields);
    const step = new AuditStep(event, now);
    this.steps.push(step);
    this.stepEvents.push(event);
    return step;
  }

  /** A step with no duration of its own (a Shield verdict, a routing decision). */
  instant(kind: Exclude<AuditEventKind, 'call'>, fields: AuditOutcome = {}, now: number = Date.now()): this {
    this.step(kind, fields, now).end({}, now);
    return this;
  }

  /**
   * Closes the call (and any step still open) and returns [call, ...steps]. The call's Shield
   * verdicts, unless set explicitly, are the sum of its shield steps'.
   */
  finish(fields: AuditOutcome = {}, now: number = Date.now()): AuditEvent[] {
    if (this.finished) throw new Error(`audit call ${this.call.id} already finished`);
    this.finished = true;
    for (const step of this.steps) step.end({}, now);
    Object.assign(this.call, fields);
    this.call.ended_at = isoTimestamp(now);
    this.call.latency_ms = Math.max(0, now - this.startedMs);
    if (this.call.shield_verdicts === null) this.call.shield_verdicts = this.summedVerdicts();
    return [this.call, ...this.stepEvents];
  }

  private summedVerdicts(): ShieldVerdictCounts | null {
    let sum: ShieldVerdictCounts | null = null;
    for (const event of this.stepEvents) {
      if (event.kind !== 'shield' || !event.shield_verdicts) continue;
      sum ??= {};
      for (const [type, count] of Object.entries(event.shield_verdicts)) sum[type] = (sum[type] ?? 0) + count;
    }
    return sum;
  }

  private capped(body: string | null): string | null {
    if (body === null || body.length <= MAX_BODY_CHARS) return body;
    this.call.details = { ...this.call.details, bodies_truncated: true };
    return body.slice(0, MAX_BODY_CHARS);
  }
}

/** An event with every outcome field empty. */
export function blankEvent(
  id: string,
  requestId: string,
  parentId: string | null,
  kind: AuditEventKind,
  startedMs: number,
): AuditEvent {
  return {
    id,
    request_id: requestId,
    parent_id: parentId,
    kind,
    key_id: null,
    surface: null,
    model_group: null,
    deployment: null,
    provider: null,
    status: null,
    error_class: null,
    input_tokens: null,
    output_tokens: null,
    cached_tokens: null,
    cost_usd: null,
    latency_ms: null,
    ttft_ms: null,
    shield_verdicts: null,
    client_ip: null,
    user_agent: null,
    started_at: isoTimestamp(startedMs),
    ended_at: null,
    prompt: null,
    completion: null,
    details: null,
  };
}
