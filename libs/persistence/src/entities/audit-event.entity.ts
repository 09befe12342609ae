import type { ValueTransformer } from 'typeorm';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** pg returns numeric as a string; costs are small USD amounts, exact enough as a double. */
const numericNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One audit record: a call (parent_id null) or a step inside it. Written by @verosek/audit with
 * INSERT ... ON CONFLICT (id) DO NOTHING; ids are UUID v7, so they also sort by time.
 *
 * Not partitioned: retention deletes old rows in chunks, and the indexes below serve the admin
 * queries (newest first, by key, by model group, by request; those by key and model group hold call
 * rows only, as only queries over calls use them). Monthly partitions would make
 * retention a DROP, but force the primary key to include started_at, and the id alone could no
 * longer guarantee idempotent inserts.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_started', ['startedAt', 'id'])
@Index('audit_events_key_started', ['keyId', 'startedAt', 'id'], { where: 'parent_id IS NULL' })
@Index('audit_events_model_started', ['modelGroup', 'startedAt'], { where: 'parent_id IS NULL' })
@Index('audit_events_request', ['requestId'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId!: string | null;

  @Column({ type: 'text', nullable: true })
  surface!: string | null;

  @Column({ name: 'model_group', type: 'text', nullable: true })
  modelGroup!: string | null;

  @Column({ type: 'text', nullable: true })
  deployment!: string | null;

  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Column({ type: 'smallint', nullable: true })
  status!: number | null;

  @Column({ name: 'error_class', type: 'text', nullable: true })
  errorClass!: string | null;

  @Column({ name: 'input_tokens', type: 'integer', nullable: true })
  inputTokens!: number | null;

  @Column({ name: 'output_tokens', type: 'integer', nullable: true })
  outputTokens!: number | null;

  @Column({ name: 'cached_tokens', type: 'integer', nullable: true })
  cachedTokens!: number | null;

  @Column({
    name: 'cost_usd',
    type: 'numeric',
    precision: 20,
    scale: 10,
    nullable: true,
    transformer: numericNumber,
  })
  costUsd!: number | null;

  @Column({ name: 'latency_ms', type: 'integer', nullable: true })
  latencyMs!: number | null;

  @Column({ name: 'ttft_ms', type: 'integer', nullable: true })
  ttftMs!: number | null;

  /** Detector type -> count; never the matched text. */
  @Column({ name: 'shield_verdicts', type: 'jsonb', nullable: true })
  shieldVerdicts!: Record<string, number> | null;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt!: Date | null;

  /** Only with body logging on, and already redacted by Shield. */
  @Column({ type: 'text', nullable: true })
  prompt!: string | null;

  @Column({ type: 'text', nullable: true })
  completion!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}
