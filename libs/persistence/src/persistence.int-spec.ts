import type { INestApplicationContext } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openDataSource, dataSourceOptions } from './data-source';
import { VerosekMetaEntity } from './entities/verosek-meta.entity';
import { DatabaseHealthIndicator } from './health/database-health.indicator';
import { MIGRATIONS } from './migrations';
import { resolvePersistenceOptions } from './persistence-options';
import {
  TEST_DATABASE_URL,
  appliedMigrations,
  createScratchDatabase,
  startPersistence,
} from './persistence-test-support';

// PGlite runs initdb for every new database: seconds on a busy machine.
jest.setTimeout(180_000);

const ALL_MIGRATIONS = MIGRATIONS.map((migration) => new migration().name);

/** What every target must do: migrate from empty, round-trip an entity, report healthy. */
async function expectMigratedAndWorking(app: INestApplicationContext, schema = 'public'): Promise<void> {
  const dataSource = app.get(DataSource);
  expect(await appliedMigrations(dataSource, schema)).toEqual(ALL_MIGRATIONS);

  const meta = dataSource.getRepository(VerosekMetaEntity);
  expect(await meta.findOneBy({ key: 'schema_created_at' })).toMatchObject({ key: 'schema_created_at' });
  await meta.save({ key: 'round-trip', value: 'ünïcødé ✓' });
  expect(await meta.findOneByOrFail({ key: 'round-trip' })).toMatchObject({ value: 'ünïcødé ✓' });
  expect((await meta.findOneByOrFail({ key: 'round-trip' })).updatedAt).toBeInstanceOf(Date);

  expect(await app.get(DatabaseHealthIndicator).isHealthy()).toEqual({ database: { status: 'up' } });
}

describe('PersistenceModule on a real Postgres', () => {
  it('runs every migration on an empty database and round-trips through TypeORM', async () => {
    const scratch = await createScratchDatabase();
    try {
      const app = await startPersistence({ databaseUrl: scratch.url });
      await expectMigratedAndWorking(app);
      await app.close();
    } finally {
      await scratch.drop();
    }
  });

  it('migrates once when several instances start together (advisory lock)', async () => {
    const scratch = await createScratchDatabase();
    try {
      const resolved = resolvePersistenceOptions({ databaseUrl: scratch.url });
      const instances = await Promise.all(
        Array.from({ length: 4 }, () => openDataSource(dataSourceOptions(resolved), resolved)),
      );
      expect(await appliedMigrations(instances[0])).toEqual(ALL_MIGRATIONS);
      await Promise.all(instances.map((instance) => instance.destroy()));
    } finally {
      await scratch.drop();
    }
  });

  it('keeps everything inside `schema` when one is given', async () => {
    const schema = `persist_${Date.now().toString(36)}`;
    const app = await startPersistence({ databaseUrl: TEST_DATABASE_URL, schema });
    try {
      await expectMigratedAndWorking(app, schema);
      const [row] = await app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'verosek_meta'`,
          [schema],
        );
      expect(row.n).toBe(1);
    } finally {
      await app.get(DataSource).query(`DROP SCHEMA "${schema}" CASCADE`);
      await app.close();
    }
  });

  it('fails start-up with the reason when Postgres is unreachable', async () => {
    await expect(startPersistence({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(
      /ECONNREFUSED 127\.0\.0\.1:1/,
    );
  });
});

describe('PersistenceModule embedded (PGlite)', () => {
  describe('in memory', () => {
    let app: INestApplicationContext;

    beforeAll(async () => {
      app = await startPersistence({ dataDir: 'memory://' });
    });

    afterAll(() => app?.close());

    it('runs every migration and round-trips through TypeORM', async () => {
      await expectMigratedAndWorking(app);
    });

    it('serves concurrent queries and transactions through its single connection', async () => {
      const dataSource = app.get(DataSource);
      const meta = dataSource.getRepository(VerosekMetaEntity);
      const before = await meta.count();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2 === 0
            ? dataSource.transaction(async (manager) => {
                await manager.insert(VerosekMetaEntity, { key: `tx-${i}`, value: 'a' });
                await manager.update(VerosekMetaEntity, { key: `tx-${i}` }, { value: 'b' });
              })
            : meta.insert({ key: `plain-${i}`, value: 'c' }),
        ),
      );
      expect(await meta.count()).toBe(before + 40);
      expect(await meta.countBy({ value: 'b' })).toBe(20);
    });

    // Last: it takes the database away.
    it('health reports the database down, with the reason, once its server is gone', async () => {
      const health = app.get(DatabaseHealthIndicator);
      expect(await health.isHealthy()).toEqual({ database: { status: 'up' } });
      await app.get(DataSource).destroy();
      const result = await health.isHealthy();
      expect(result.database.status).toBe('down');
      expect(result.database).toHaveProperty('message', expect.stringMatching(/^database: \S/));
    });
  });

  describe('in a data directory', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'verosek-pglite-'));
    });

    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('keeps data across a restart without migrating again, and stops its server on shutdown', async () => {
      const first = await startPersistence({ dataDir });
      await expectMigratedAndWorking(first);
      const meta = () => first.get(DataSource).getRepository(VerosekMetaEntity);
      const createdAt = await meta().findOneByOrFail({ key: 'schema_created_at' });
      const url = (first.get(DataSource).options as { url: string }).url;
      await first.close();
      await expect(new Client({ connectionString: url }).connect()).rejects.toThrow(/ECONNREFUSED/);

      const second = await startPersistence({ dataDir });
      const reopened = second.get(DataSource).getRepository(VerosekMetaEntity);
      expect(await reopened.findOneByOrFail({ key: 'round-trip' })).toMatchObject({ value: 'ünïcødé ✓' });
      expect(await reopened.findOneByOrFail({ key: 'schema_created_at' })).toEqual(createdAt);
      expect(await appliedMigrations(second.get(DataSource))).toEqual(ALL_MIGRATIONS);
      await second.close();
    });
  });
});
