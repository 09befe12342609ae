import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Spend batches already added, so a batch sent again after its reply was lost counts once. */
export class SpendBatches1764470000000 implements MigrationInterface {
  name = 'SpendBatches1764470000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE virtual_key_spend_batches (id uuid PRIMARY KEY, recorded_at timestamptz NOT NULL DEFAULT now())`,
    );
    await runner.query(
      `CREATE INDEX virtual_key_spend_batches_recorded ON virtual_key_spend_batches (recorded_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE virtual_key_spend_batches`);
  }
}
