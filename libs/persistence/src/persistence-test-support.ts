import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PersistenceModule } from './persistence.module';
import type { PersistenceModuleOptions } from './persistence-options';

/** Test support for the persistence specs (not exported from the lib). */

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function startPersistence(options: PersistenceModuleOptions): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [PersistenceModule.forRoot({ retryAttempts: 0, ...options })],
  }).compile();
  return moduleRef.init();
}

/** A fresh, empty database on the test server, dropped again by `drop`. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `verosek_persist_${randomUUID().slice(0, 8)}`;
  const admin = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** Names of the migrations recorded as applied, oldest first. */
export async function appliedMigrations(dataSource: DataSource, schema = 'public'): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT name FROM "${schema}".migrations ORDER BY id`,
  );
  return rows.map((row) => row.name);
}
