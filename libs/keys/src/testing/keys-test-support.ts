import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { parseConfig, VerosekConfigModule } from '@verosek/config';
import { PersistenceModule } from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Test support for the keys integration specs: real Redis and Postgres, one schema per spec file. */

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function testConfig(maxTtlSeconds = 30 * 86_400): VerosekConfig {
  return parseConfig(`keys:\n  max_ttl_seconds: ${maxTtlSeconds}\n`, 'keys-test.yaml', {});
}

export function testEnv(overrides: Partial<GatewayEnv> = {}): GatewayEnv {
  return {
    port: 0,
    host: '127.0.0.1',
    redisUrl: TEST_REDIS_URL,
    databaseUrl: TEST_DATABASE_URL,
    dataDir: '/nonexistent',
    logLevel: 'warn',
    workers: 1,
    ...overrides,
  };
}

/** A fresh schema name; PersistenceModule creates it and runs the migrations there. */
export function uniqueSchema(prefix = 'keys_test'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** The modules the keys code needs around it: config, Redis platform, Postgres in `schema`. */
export function infrastructure(schema: string, config = testConfig(), env = testEnv()): DynamicModule[] {
  return [
    VerosekConfigModule.forRoot({ config, env }),
    PlatformModule.forRoot({ redisUrl: TEST_REDIS_URL }),
    PersistenceModule.forRoot({ databaseUrl: TEST_DATABASE_URL, schema, retryAttempts: 0 }),
  ];
}

export async function startContext(imports: DynamicModule[]): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports }).compile();
  return moduleRef.init();
}

/** Polls `check` until it resolves true or `deadlineMs` passes; returns whether it did. */
export async function eventually(
  check: () => Promise<boolean>,
  deadlineMs: number,
  everyMs = 10,
): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
