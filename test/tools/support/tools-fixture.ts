import type { AuditCallDetail } from '@verosek/audit';
import type { CreatedKeyView } from '@verosek/contracts';
import { Client } from 'pg';
import { FAKE_ANTHROPIC_API_KEY, FAKE_GEMINI_API_KEY, FAKE_OPENAI_API_KEY } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../../harness/gateway-harness';
import { DATABASE_URL, MASTER_KEY } from '../../harness/gateway-harness';

/** A dedicated schema of the `test` database holding a `users` table of `count` rows. */
export interface UsersSchema {
  schema: string;
  count: number;
  drop(): Promise<void>;
}

export async function createUsersSchema(count: number): Promise<UsersSchema> {
  const schema = `tools_${process.pid}_${Date.now().toString(36)}`;
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`CREATE TABLE ${schema}.users (id serial PRIMARY KEY, email text NOT NULL)`);
  await client.query(
    `INSERT INTO ${schema}.users (email) SELECT 'user' || g || '@example.test' FROM generate_series(1, $1) g`,
    [count],
  );
  await client.end();
  return {
    schema,
    count,
    drop: async () => {
      const c = new Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * Model groups `gpt-4o`, `claude`, `gemini` (one per fake provider), each with the given gateway
 * tool sources attached, plus the `tools:` section.
 */
export function toolsYaml(fakes: Fakes, toolsSection: string, attach: string[]): string {
  const tools = `[${attach.join(', ')}]`;
  return `
models:
  - name: gpt-4o
    tools: ${tools}
    deployments:
      - { provider: openai, model: gpt-4o-2024-08-06, api_base: "${fakes.openai.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY} }
  - name: claude
    tools: ${tools}
    deployments:
      - { provider: anthropic, model: claude-sonnet-4-5, api_base: "${fakes.anthropic.baseUrl}", api_key: ${FAKE_ANTHROPIC_API_KEY} }
  - name: gemini
    tools: ${tools}
    deployments:
      - { provider: gemini, model: gemini-2.5-flash, api_base: "${fakes.gemini.baseUrl}", api_key: ${FAKE_GEMINI_API_KEY} }
tools:
${toolsSection}`;
}

export async function createKey(
  gateway: RunningGateway,
  body: Record<string, unknown>,
): Promise<CreatedKeyView> {
  const response = await fetch(`${gateway.url}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ttl_seconds: 3600, ...body }),
  });
  if (response.status !== 201)
    throw new Error(`key creation answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CreatedKeyView;
}

/** The call's audit record and steps, once the (asynchronous) audit writer has stored them. */
export async function auditOf(gateway: RunningGateway, requestId: string): Promise<AuditCallDetail> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${gateway.url}/admin/audit/${requestId}`, {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
    });
    if (response.status === 200) return (await response.json()) as AuditCallDetail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no audit record for ${requestId}`);
}
