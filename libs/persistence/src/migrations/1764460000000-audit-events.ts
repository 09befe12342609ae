import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit records (calls and their steps); see AuditEventEntity for why the table is not partitioned. */
export class AuditEvents1764460000000 implements MigrationInterface {
  name = 'AuditEvents1764460000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY,
        request_id text NOT NULL,
        parent_id uuid,
        kind text NOT NULL,
        key_id text,
        surface text,
        model_group text,
        deployment text,
        provider text,
        status smallint,
        error_class text,
        input_tokens integer,
        output_tokens integer,
        cached_tokens integer,
        cost_usd numeric(20, 10),
        latency_ms integer,
        ttft_ms integer,
        shield_verdicts jsonb,
        client_ip text,
        user_agent text,
        started_at timestamptz(3) NOT NULL,
        ended_at timestamptz(3),
        prompt text,
        completion text,
        details jsonb
      )`);
    await runner.query(`CREATE INDEX audit_events_started ON audit_events (started_at, id)`);
    await runner.query(`CREATE INDEX audit_events_key_started ON audit_events (key_id, started_at, id)`);
    await runner.query(`CREATE INDEX audit_events_model_started ON audit_events (model_group, started_at)`);
    await runner.query(`CREATE INDEX audit_events_request ON audit_events (request_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit_events`);
  }
}
