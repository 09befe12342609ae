import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '@verosek/persistence/entities/audit-event.entity';
import { AuditEvents1764460000000 } from '@verosek/persistence/migrations/1764460000000-audit-events';

/** Test support for the audit integration specs (not exported from the lib). */

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Host and port of the test Postgres, for a TcpGate in front of it. */
export function testDatabaseAddress(): { host: string; port: number } {
  const url = new URL(TEST_DATABASE_URL);
  return { host: url.hostname, port: Number(url.port || 5432) };
}

export function testRedisAddress(): { host: string; port: number } {
  const url = new URL(TEST_REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

/**
 * A data source whose audit_events table lives in its own schema, so specs running in parallel on
 * the shared test database never see each other's rows. `port` reaches Postgres through a gate.
 */
export async function connectTestDb(schema: string, port?: number): Promise<DataSource> {
  const url = new URL(TEST_DATABASE_URL);
  if (port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url: url.toString(),
    schema,
    entities: [AuditEventEntity],
    migrations: [AuditEvents1764460000000],
    extra: { options: `-c search_path=${schema}`, max: 4, connectionTimeoutMillis: 2000 },
  });
  return dataSource.initialize();
}

export interface AuditTestDb {
  schema: string;
  dataSource: DataSource;
  /** Rows by kind, and how many distinct ids: a doubled row shows as rows > ids. */
  count(): Promise<{ rows: number; ids: number; calls: number; steps: number }>;
  drop(): Promise<void>;
}

export async function createAuditTestDb(): Promise<AuditTestDb> {
  const schema = `audit_test_${randomUUID().slice(0, 8)}`;
  const admin = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.destroy();
  const dataSource = await connectTestDb(schema);
  await dataSource.runMigrations();
  return {
    schema,
    dataSource,
    count: async () => {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids,
                count(*) FILTER (WHERE parent_id IS NULL)::int AS calls,
                count(*) FILTER (WHERE parent_id IS NOT NULL)::int AS steps
         FROM audit_events`,
      );
      return row;
    },
    drop: async () => {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}
