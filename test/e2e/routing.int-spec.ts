import Anthropic from '@anthropic-ai/sdk';
import { RouteExecutor } from '@verosek/routing';
import type { FakeServer, ScriptedFailure } from '@verosek/testing';
import { FAKE_OPENAI_API_KEY, startFakeOpenAI } from '@verosek/testing';
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { eventually } from '../harness/admin-client';
import type { RunningGateway } from '../harness/gateway-harness';
import { DATABASE_URL, MASTER_KEY, REDIS_URL, startGateway } from '../harness/gateway-harness';
import { geminiClient } from '../harness/sdk-clients';

jest.setTimeout(60_000);

const ALLOWED_FAILS = 2;
/** Cooldown keys live in the shared Redis under the deployment id: this run's groups are its own. */
const RUN = randomUUID().slice(0, 8);
const group = (name: string) => `${name}-${RUN}`;
/** One group per stream case, so no case starts with a deployment an earlier one cooled. */
const STREAM_GROUPS = ['stream-http', 'stream-reset', 'stream-no-event', 'stream-mid'];

interface Deployment {
  fake: FakeServer;
  priority: number;
  weight?: number;
}

function groupYaml(name: string, deployments: Deployment[]): string {
  const lines = deployments.map(
    ({ fake, priority, weight = 1 }) =>
      `      - { provider: openai, model: gpt-4o-mini, api_base: "${fake.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY}, priority: ${priority}, weight: ${weight} }`,
  );
  return `  - name: ${group(name)}\n    deployments:\n${lines.join('\n')}`;
}

describe('routing through the HTTP gateway: fallback, cooldown, priority tiers (cluster mode, shared Redis health)', () => {
  let a: FakeServer, b: FakeServer, c: FakeServer;
  let gateway: RunningGateway;
  let replica: RunningGateway;
  let client: OpenAI;

  const chat = (name: string, via: OpenAI = client) =>
    via.chat.completions
      .create({ model: group(name), messages: [{ role: 'user', content: 'Say hi' }] })
      .withResponse();
  const cooled = (gw: RunningGateway, deploymentId: string) =>
    gw.app.get(RouteExecutor).deploymentStatus(deploymentId).phase === 'cooled';

  beforeAll(async () => {
    [a, b, c] = await Promise.all([startFakeOpenAI(), startFakeOpenAI(), startFakeOpenAI()]);
    const yaml = `
routing: { allowed_fails: ${ALLOWED_FAILS}, cooldown_seconds: 60, retries: 2 }
shield:
  post: { pii: off, secrets: off }
models:
${groupYaml('tiers', [
  { fake: a, priority: 0, weight: 9 },
  { fake: b, priority: 0, weight: 1 },
  { fake: c, priority: 1 },
])}
${STREAM_GROUPS.map((name) =>
  groupYaml(name, [
    { fake: a, priority: 0 },
    { fake: b, priority: 1 },
  ]),
).join('\n')}
${groupYaml('shared', [
  { fake: a, priority: 0 },
  { fake: b, priority: 1 },
])}
`;
    const env = { REDIS_URL, DATABASE_URL };
    [gateway, replica] = await Promise.all([startGateway({ yaml, env }), startGateway({ yaml, env })]);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await replica?.close();
    await Promise.all([a?.close(), b?.close(), c?.close()]);
  });
  beforeEach(() => [a, b, c].forEach((f) => f.reset()));

  it('falls back from a failing deployment, cools it after allowed_fails, drains to the next tier, then answers 503', async () => {
    const tiers = group('tiers');
    a.setFailRate(1, { error: { status: 500 } });

    // Tier 0: a fails, b answers. Once a has failed ALLOWED_FAILS times it is cooled and gets no more calls.
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await chat('tiers'));
    expect(answers.every((r) => r.data.choices[0].message.content)).toBe(true);
    expect(answers.map((r) => r.response.headers.get('x-verosek-deployment'))).toEqual(
      Array(10).fill(`${tiers}#1`),
    );
    const attempts = answers.map((r) => Number(r.response.headers.get('x-verosek-attempts')));
    expect(attempts.filter((n) => n === 2)).toHaveLength(ALLOWED_FAILS);
    expect(a.requests).toHaveLength(ALLOWED_FAILS);
    expect(cooled(gateway, `${tiers}#0`)).toBe(true);

    // b fails too: calls go on to tier 1 (c) until b is cooled, then straight to c.
    b.setFailRate(1, { error: { status: 500 } });
    const drained = [];
    for (let i = 0; i < 5; i++) drained.push(await chat('tiers'));
    expect(drained.map((r) => r.response.headers.get('x-verosek-deployment'))).toEqual(
      Array(5).fill(`${tiers}#2`),
    );
    expect(drained.map((r) => Number(r.response.headers.get('x-verosek-attempts')))).toEqual([2, 2, 1, 1, 1]);
    expect(a.requests).toHaveLength(ALLOWED_FAILS);
    expect(b.requests).toHaveLength(10 + ALLOWED_FAILS);

    // c fails as well: once it is cooled, every deployment is, and the caller gets 503 with retry-after.
    c.setFailRate(1, { error: { status: 500 } });
    for (let i = 0; i < ALLOWED_FAILS; i++) {
      const err = (await chat('tiers').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(err.status).toBe(500);
    }
    const requestsBefore = a.requests.length + b.requests.length + c.requests.length;
    const err = (await chat('tiers').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(503);
    expect(err.code).toBe('no_healthy_deployment');
    expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0);

    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0 });
    const aErr = (await anthropic.messages
      .create({ model: tiers, max_tokens: 10, messages: [{ role: 'user', content: 'Say hi' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(aErr.status).toBe(503);
    expect(aErr.error).toMatchObject({
      type: 'error',
      error: { type: expect.any(String), message: expect.stringContaining('cooling down') },
    });
    expect(Number(aErr.headers?.get('retry-after'))).toBeGreaterThan(0);

    const gErr = (await geminiClient(gateway.url, MASTER_KEY)
      .models.generateContent({ model: tiers, contents: 'Say hi' })
      .catch((e: unknown) => e)) as { status: number; message: string };
    expect(gErr.status).toBe(503);
    expect(JSON.parse(gErr.message.slice(gErr.message.indexOf('{')))).toMatchObject({
      error: { status: 'UNAVAILABLE' },
    });

    expect(a.requests.length + b.requests.length + c.requests.length).toBe(requestsBefore);
  });

  it.each<[string, string, ScriptedFailure]>([
    ['an HTTP 500', 'stream-http', { error: { status: 500 } }],
    ['a reset connection', 'stream-reset', { fault: 'reset' }],
    [
      'an in-stream error before any event',
      'stream-no-event',
      { fault: 'error-mid-stream', faultAfterChunks: 0, error: { status: 500 } },
    ],
  ])('falls back when a stream fails before its first token (%s)', async (_label, name, failure) => {
    const streams = group(name);
    a.failNext(1, failure);
    b.script({ text: 'from b', chunks: ['from', ' b'] });
    const { data: stream, response } = await client.chat.completions
      .create({ model: streams, messages: [{ role: 'user', content: 'Count' }], stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('from b');
    expect(response.headers.get('x-verosek-deployment')).toBe(`${streams}#1`);
    expect(response.headers.get('x-verosek-attempts')).toBe('2');
    expect(a.requests).toHaveLength(1);
  });

  it('ends a stream that fails after its first token with an error event, without falling back', async () => {
    const streams = group('stream-mid');
    a.script({
      text: 'one two three',
      chunks: ['one', ' two', ' three'],
      fault: 'error-mid-stream',
      faultAfterChunks: 2,
      error: { status: 500, message: 'upstream broke' },
    });
    const stream = await client.chat.completions.create({
      model: streams,
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
    });
    let text = '';
    const err = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(text.length).toBeGreaterThan(0);
    expect(b.requests).toHaveLength(0);
  });

  it('shares cooldown state between two gateway processes through Redis', async () => {
    const shared = group('shared');
    a.setFailRate(1, { error: { status: 500 } });
    for (let i = 0; i < ALLOWED_FAILS; i++) {
      const { response } = await chat('shared');
      expect(response.headers.get('x-verosek-attempts')).toBe('2');
    }
    expect(cooled(gateway, `${shared}#0`)).toBe(true);
    await eventually(() => cooled(replica, `${shared}#0`), 'the replica to see the cooldown');

    const viaReplica = new OpenAI({ baseURL: `${replica.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    const { response } = await chat('shared', viaReplica);
    expect(response.headers.get('x-verosek-deployment')).toBe(`${shared}#1`);
    expect(response.headers.get('x-verosek-attempts')).toBe('1');
    expect(a.requests).toHaveLength(ALLOWED_FAILS);
  });
});
