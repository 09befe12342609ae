import Anthropic from '@anthropic-ai/sdk';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreatedKeyView } from '@verosek/contracts';
import { FAKE_ANTHROPIC_API_KEY, FAKE_GEMINI_API_KEY, FAKE_OPENAI_API_KEY } from '@verosek/testing';
import OpenAI from 'openai';
import { Client } from 'pg';
import { AdminClient, eventually } from '../harness/admin-client';
import { clusterEnv, startKeysService, uniqueTransportNamespace } from '../harness/cluster-services';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { DATABASE_URL, startFakes, startGateway } from '../harness/gateway-harness';
import { geminiClient } from '../harness/sdk-clients';

jest.setTimeout(60_000);

/** $1000 per million output tokens, input free: a call answering 10 tokens costs exactly $0.01. */
const PRICE = 'input_cost_per_mtok: 0, output_cost_per_mtok: 1000';
const CALL_COST_USD = 0.01;
const MAX_TOKENS = 10;

function pricedYaml(fakes: Fakes): string {
  return `
models:
  - name: gpt-4o
    deployments:
      - { provider: openai, model: gpt-4o-2024-08-06, api_base: "${fakes.openai.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY}, ${PRICE} }
  - name: claude
    deployments:
      - { provider: anthropic, model: claude-sonnet-4-5, api_base: "${fakes.anthropic.baseUrl}", api_key: ${FAKE_ANTHROPIC_API_KEY}, ${PRICE} }
  - name: gemini
    deployments:
      - { provider: gemini, model: gemini-2.5-flash, api_base: "${fakes.gemini.baseUrl}", api_key: ${FAKE_GEMINI_API_KEY}, ${PRICE} }
`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('virtual keys through the HTTP gateway (cluster mode: two api-gateways, keys-service, real Redis and Postgres)', () => {
  let fakes: Fakes;
  let keysService: NestFastifyApplication;
  let gatewayA: RunningGateway;
  let gatewayB: RunningGateway;
  let admin: AdminClient;
  let pg: Client;

  const openai = (gateway: RunningGateway, key: string) =>
    new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
  const ask = (gateway: RunningGateway, key: string, model = 'gpt-4o') =>
    openai(gateway, key)
      .chat.completions.create({
        model,
        max_tokens: MAX_TOKENS,
        messages: [{ role: 'user', content: 'Say hi' }],
      })
      .withResponse();
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to be refused');
      },
      (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
    );
  const scriptPaidAnswers = (fake: Fakes['openai'], n: number) =>
    fake.script(
      ...Array.from({ length: n }, () => ({ text: 'hi', usage: { input: 5, output: MAX_TOKENS } })),
    );

  beforeAll(async () => {
    fakes = await startFakes();
    const namespace = uniqueTransportNamespace('e2e-keys');
    keysService = await startKeysService(namespace);
    const yaml = pricedYaml(fakes);
    [gatewayA, gatewayB] = await Promise.all([
      startGateway({ yaml, env: clusterEnv(namespace) }),
      startGateway({ yaml, env: clusterEnv(namespace) }),
    ]);
    admin = new AdminClient(gatewayA.url);
    pg = new Client({ connectionString: DATABASE_URL });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await gatewayA?.close();
    await gatewayB?.close();
    await keysService?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('creates a key through the admin API, and the OpenAI SDK calls with it', async () => {
    const key = await admin.createKey({ name: 'e2e-basic', ttl_seconds: 600 });
    expect(key.key).toMatch(new RegExp(`^vsk_${key.id}_`));
    fakes.openai.script({ text: 'Hello, key.' });
    const { data } = await ask(gatewayA, key.key);
    expect(data.choices[0].message.content).toBe('Hello, key.');
    expect(fakes.openai.requests).toHaveLength(1);
  });

  it('refuses an expired key with 401 key_expired', async () => {
    const key = await admin.createKey({ name: 'e2e-expiring', ttl_seconds: 1 });
    await sleep(Date.parse(key.expires_at) - Date.now() + 50);
    const err = await failure(ask(gatewayA, key.key));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.code).toBe('key_expired');
    expect(fakes.openai.requests).toHaveLength(0);
  });

  it('refuses a revoked key with 401 key_revoked', async () => {
    const key = await admin.createKey({ name: 'e2e-revoked', ttl_seconds: 600 });
    await ask(gatewayA, key.key);
    await admin.revokeKey(key.id);
    const err = await failure(ask(gatewayA, key.key));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.code).toBe('key_revoked');
  });

  it('keeps the old secret working during a rotation grace, and refuses it after', async () => {
    const key = await admin.createKey({ name: 'e2e-rotated', ttl_seconds: 600 });
    const rotated = await admin.rotateKey(key.id, 1);
    expect(rotated.key).not.toBe(key.key);
    await expect(ask(gatewayA, key.key)).resolves.toBeDefined();
    await expect(ask(gatewayA, rotated.key)).resolves.toBeDefined();

    await sleep(Date.parse(rotated.previous_key_expires_at!) - Date.now() + 50);
    const err = await failure(ask(gatewayA, key.key));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(ask(gatewayA, rotated.key)).resolves.toBeDefined();
  });

  it('refuses a model outside the allow-list with 403 naming the model', async () => {
    const key = await admin.createKey({ name: 'e2e-allow-list', ttl_seconds: 600, models: ['gpt-4o'] });
    await expect(ask(gatewayA, key.key, 'gpt-4o')).resolves.toBeDefined();
    const err = await failure(ask(gatewayA, key.key, 'claude'));
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.code).toBe('model_not_allowed');
    expect(err.message).toContain('claude');
    expect(fakes.anthropic.requests).toHaveLength(0);
  });

  it('refuses calls past the rpm limit with 429 and retry-after', async () => {
    const key = await admin.createKey({ name: 'e2e-rpm', ttl_seconds: 600, rpm_limit: 2 });
    await ask(gatewayA, key.key);
    await ask(gatewayB, key.key);
    const err = await failure(ask(gatewayA, key.key));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe('rate_limit_exceeded');
    expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(fakes.openai.requests).toHaveLength(2);
  });

  it('counts tokens per minute at the estimate, corrected to the tokens used once the call ends', async () => {
    const key = await admin.createKey({ name: 'e2e-tpm', ttl_seconds: 600, tpm_limit: 50 });
    // Each call is estimated at 19 tokens (9 of prompt, max_tokens 10) and uses 2: counted at the
    // estimate, a third call would not fit in 50 tokens a minute.
    fakes.openai.script(...Array.from({ length: 5 }, () => ({ text: 'hi', usage: { input: 1, output: 1 } })));
    for (let i = 0; i < 5; i++) await ask(gatewayA, key.key);
    // Used 10 so far; this one fits (10 + 19) and then counts for what it used (41).
    fakes.openai.script({ text: 'a long answer', usage: { input: 1, output: 40 } });
    await ask(gatewayA, key.key);
    const err = await failure(ask(gatewayA, key.key));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe('rate_limit_exceeded');
    expect(fakes.openai.requests).toHaveLength(6);
  });

  it('reports the budget left in x-verosek-budget-remaining, decreasing with each call', async () => {
    const key = await admin.createKey({
      name: 'e2e-budget-header',
      ttl_seconds: 600,
      budgets: { daily_usd: 1 },
    });
    scriptPaidAnswers(fakes.openai, 2);
    const first = Number((await ask(gatewayA, key.key)).response.headers.get('x-verosek-budget-remaining'));
    const second = Number((await ask(gatewayA, key.key)).response.headers.get('x-verosek-budget-remaining'));
    expect(first).toBeCloseTo(1 - CALL_COST_USD, 6);
    expect(second).toBeCloseTo(1 - 2 * CALL_COST_USD, 6);
  });

  describe('a daily budget that covers 50 calls, under 200 concurrent ones', () => {
    const CAP_USD = 50 * CALL_COST_USD;
    let key: CreatedKeyView;
    let results: Array<{ ok: true } | { ok: false; err: InstanceType<typeof OpenAI.APIError> }>;

    beforeAll(async () => {
      key = await admin.createKey({
        name: 'e2e-budget-race',
        ttl_seconds: 600,
        budgets: { daily_usd: CAP_USD },
      });
      fakes.reset();
      scriptPaidAnswers(fakes.openai, 200);
      results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          ask(i % 2 ? gatewayA : gatewayB, key.key).then(
            () => ({ ok: true as const }),
            (err: InstanceType<typeof OpenAI.APIError>) => ({ ok: false as const, err }),
          ),
        ),
      );
    });

    it('admits 50 and refuses the rest with 429 budget_exceeded, x-should-retry: false', () => {
      const refused = results.flatMap((r) => (r.ok ? [] : [r.err]));
      expect(results.filter((r) => r.ok)).toHaveLength(50);
      expect(refused).toHaveLength(150);
      for (const err of refused) {
        expect(err).toBeInstanceOf(OpenAI.RateLimitError);
        expect(err.code).toBe('budget_exceeded');
        expect(err.headers?.get('x-should-retry')).toBe('false');
      }
    });

    it('never spends past the cap: the admin API and the Postgres spend table agree', async () => {
      let daySpent = -1;
      await eventually(async () => {
        const view = await admin.getKey(key.id);
        daySpent = view.spend.find((s) => s.window === 'day')?.spent_usd ?? -1;
        return daySpent === CAP_USD;
      }, 'the day spend persisted by keys-service');
      const { rows } = await pg.query<{ micro: string }>(
        `SELECT spent_micro_usd AS micro FROM virtual_key_spend WHERE key_id = $1 AND window_kind = 'day'`,
        [key.id],
      );
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].micro)).toBe(CAP_USD * 1_000_000);
    });

    it('answers the Anthropic and Gemini SDKs budget_exceeded in their own formats', async () => {
      const anthropic = new Anthropic({ baseURL: gatewayA.url, apiKey: key.key, maxRetries: 0 });
      const aErr = await anthropic.messages
        .create({ model: 'claude', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: 'Say hi' }] })
        .catch((e: unknown) => e as InstanceType<typeof Anthropic.APIError>);
      expect(aErr).toBeInstanceOf(Anthropic.RateLimitError);
      const aBody = (aErr as InstanceType<typeof Anthropic.APIError>).error as {
        type: string;
        error: { type: string; message: string };
      };
      expect(aBody).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
      expect(aBody.error.message).toMatch(/budget/);
      expect((aErr as InstanceType<typeof Anthropic.APIError>).headers?.get('x-should-retry')).toBe('false');

      const gErr = (await geminiClient(gatewayA.url, key.key)
        .models.generateContent({
          model: 'gemini',
          contents: 'Say hi',
          config: { maxOutputTokens: MAX_TOKENS },
        })
        .catch((e: unknown) => e)) as { status: number; message: string };
      expect(gErr.status).toBe(429);
      const gBody = JSON.parse(gErr.message.slice(gErr.message.indexOf('{'))) as {
        error: { status: string; message: string };
      };
      expect(gBody.error.status).toBe('RESOURCE_EXHAUSTED');
      expect(gBody.error.message).toMatch(/budget/);
      expect(fakes.anthropic.requests).toHaveLength(0);
      expect(fakes.gemini.requests).toHaveLength(0);
    });
  });

  it('refuses a revoked key on both api-gateways within 1 s', async () => {
    const key = await admin.createKey({ name: 'e2e-revoked-twice', ttl_seconds: 600 });
    // Both replicas have the key cached (for 60 s): only the invalidation can refuse it this soon.
    await ask(gatewayA, key.key);
    await ask(gatewayB, key.key);
    await admin.revokeKey(key.id);
    const refused = async (gateway: RunningGateway) => {
      const outcome = await ask(gateway, key.key).then(
        () => undefined,
        (e: InstanceType<typeof OpenAI.APIError>) => e.code,
      );
      return outcome === 'key_revoked';
    };
    await Promise.all([
      eventually(() => refused(gatewayA), 'gateway A to refuse the revoked key', 1_000),
      eventually(() => refused(gatewayB), 'gateway B to refuse the revoked key', 1_000),
    ]);
  });
});
