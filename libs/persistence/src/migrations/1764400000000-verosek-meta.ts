import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first migration: a key/value table about the installation, seeded with its creation time. */
export class VerosekMeta1764400000000 implements MigrationInterface {
  name = 'VerosekMeta1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE verosek_meta (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`INSERT INTO verosek_meta (key, value) VALUES ('schema_created_at', now()::text)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE verosek_meta`);
  }
}
