import type { AttemptRecord } from '@verosek/routing';
import type { ToolLoopStep } from '../tools/tool-step';

/** Where the pipeline reports what happened; implemented by the audit producer. Never blocks. */
export interface CallRecord {
  /** The call's audit event id, known up front so async steps (ML classifier verdicts) can attach to it. */
  auditCallId: string;
  requestId: string;
  keyId: string;
  surface: string;
  endpoint: string;
  modelGroup: string;
  deploymentId?: string;
  provider?: string;
  providerModel?: string;
  status: number;
  errorClass?: string;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
  latencyMs: number;
  ttftMs?: number;
  stream: boolean;
  clientIp?: string;
  userAgent?: string;
  startedAt: Date;
  shield: { direction: string; verdict: string; findings: { type: string; count: number }[] }[];
  attempts: AttemptRecord[];
  /** Internal turns and tool runs of the gateway's tool loop, when the call had gateway tools. */
  toolSteps?: ToolLoopStep[];
}

export interface AuditSink {
  recordCall(record: CallRecord): void;
}

export const AUDIT_SINK = Symbol('AUDIT_SINK');
