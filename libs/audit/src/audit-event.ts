/**
 * One audit record. A call produces one record of kind 'call' (parent_id null) and one record per
 * step inside it (each upstream attempt, fallback, Shield verdict, routing decision, tool step),
 * whose parent_id is the call's id. The same shape travels on the queue, lands in the
 * `audit_events` table and is served by the admin API, so field names are the column names.
 */
export const AUDIT_EVENT_KINDS = ['call', 'attempt', 'fallback', 'shield', 'routing', 'tool'] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/** Known surfaces; other strings are accepted so a new surface needs no change here. */
export type AuditSurface =
  'openai-chat' | 'openai-responses' | 'openai-embeddings' | 'anthropic-messages' | 'gemini' | (string & {});

/** Shield findings as detector type -> count. Never the matched text. */
export type ShieldVerdictCounts = Record<string, number>;

export interface AuditEvent {
  /** UUID v7: time-ordered, also the queue job id (dedupe) and the primary key (idempotent insert). */
  id: string;
  request_id: string;
  parent_id: string | null;
  kind: AuditEventKind;
  /** The virtual key's public id; never its secret. */
  key_id: string | null;
  surface: AuditSurface | null;
  model_group: string | null;
  deployment: string | null;
  provider: string | null;
  /** HTTP status answered (call) or received (attempt). */
  status: number | null;
  error_class: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  cost_usd: number | null;
  latency_ms: number | null;
  ttft_ms: number | null;
  shield_verdicts: ShieldVerdictCounts | null;
  client_ip: string | null;
  user_agent: string | null;
  /** ISO 8601, millisecond precision. */
  started_at: string;
  ended_at: string | null;
  /** Only when body logging is on (config audit.logBodies or per key), and only after Shield redaction. */
  prompt: string | null;
  completion: string | null;
  details: Record<string, unknown> | null;
}

/** Field names in their stored order: the writer's column list. */
export const AUDIT_EVENT_FIELDS = [
  'id',
  'request_id',
  'parent_id',
  'kind',
  'key_id',
  'surface',
  'model_group',
  'deployment',
  'provider',
  'status',
  'error_class',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'cost_usd',
  'latency_ms',
  'ttft_ms',
  'shield_verdicts',
  'client_ip',
  'user_agent',
  'started_at',
  'ended_at',
  'prompt',
  'completion',
  'details',
] as const satisfies readonly (keyof AuditEvent)[];

/** The name of the BullMQ queue (and of the in-process queue in embedded mode). */
export const AUDIT_QUEUE = 'verosek-audit';

/**
 * One audit queue job: the events a producer sent together. A job per event cost the queue a
 * Redis script per row to add, take and finish; rows stay idempotent through their event ids.
 */
export type AuditJobData = AuditEvent[];

/** Deterministic for the same run of events (a re-send dedupes), distinct for any other. */
export function auditJobId(events: readonly AuditEvent[]): string {
  return `${events[0].id}-${events.length}-${events[events.length - 1].id}`;
}

// Compile-time guard: the column list names every field of AuditEvent.
type UnlistedField = Exclude<keyof AuditEvent, (typeof AUDIT_EVENT_FIELDS)[number]>;
const _everyFieldListed: [UnlistedField] extends [never] ? true : never = true;
void _everyFieldListed;
