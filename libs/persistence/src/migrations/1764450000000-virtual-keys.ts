import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Virtual keys and their persisted spend per budget window. */
export class VirtualKeys1764450000000 implements MigrationInterface {
  name = 'VirtualKeys1764450000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE virtual_keys (
        id varchar(12) PRIMARY KEY,
        name varchar(200) NOT NULL,
        secret_hash varchar(128) NOT NULL,
        previous_secret_hash varchar(128),
        previous_expires_at timestamptz,
        expires_at timestamptz NOT NULL,
        expired_at timestamptz,
        revoked_at timestamptz,
        models jsonb,
        budget_daily_micro_usd bigint,
        budget_weekly_micro_usd bigint,
        budget_monthly_micro_usd bigint,
        rpm_limit integer,
        tpm_limit integer,
        metadata jsonb,
        shield jsonb,
        tools jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX virtual_keys_unswept_expiry ON virtual_keys (expires_at) WHERE expired_at IS NULL`,
    );
    await runner.query(`
      CREATE TABLE virtual_key_spend (
        key_id varchar(12) NOT NULL REFERENCES virtual_keys (id) ON DELETE CASCADE,
        window_kind varchar(5) NOT NULL CHECK (window_kind IN ('day', 'week', 'month')),
        window_start date NOT NULL,
        spent_micro_usd bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key_id, window_kind, window_start)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE virtual_key_spend`);
    await runner.query(`DROP TABLE virtual_keys`);
  }
}
