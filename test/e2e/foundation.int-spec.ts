import OpenAI from 'openai';
import { openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../harness/gateway-harness';

describe('foundation: the official openai SDK through the embedded gateway to the fake OpenAI', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    fakes = await startFakes();
    // Shield post is off here so the stream test can see each upstream chunk forwarded as it arrives.
    gateway = await startGateway({
      yaml: threeProviderYaml(fakes, 'shield:\n  post: { pii: off, secrets: off }\n'),
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('gets a completion, translated to the provider model, with a request id', async () => {
    fakes.openai.script({ text: 'Hello from the fake.', usage: { input: 12, output: 5 } });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();

    expect(data.choices[0].message.content).toBe('Hello from the fake.');
    // Same format: the provider's answer as it wrote it, its model name included.
    expect(data.model).toBe('gpt-4o-2024-08-06');
    expect(data.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-verosek-deployment')).toBe('gpt-4o#0');
    expect(openaiSpec.validateResponse('CreateChatCompletionResponse', data).errors).toEqual([]);

    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
  });

  it('streams, with the final usage chunk when include_usage is asked', async () => {
    fakes.openai.script({
      text: 'one two three',
      chunks: ['one', ' two', ' three'],
      usage: { input: 7, output: 3 },
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null = null;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) deltas.push(chunk.choices[0].delta.content);
      if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toEqual(['one', ' two', ' three']);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3 });
  });

  it('counts calls and stage timings in /metrics', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'metrics please' }],
    });
    const res = await fetch(`${gateway.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/verosek_requests_total\{surface="openai-chat",model="gpt-4o",status="200"\} [1-9]/);
    expect(text).toMatch(/verosek_queue_depth\{queue="verosek-audit"\} \d+/);
    expect(text).toContain('verosek_deployment_cooldown{deployment="gpt-4o#0"} 0');
    for (const stage of ['key_check', 'translation', 'shield_pre', 'shield_post', 'audit_enqueue']) {
      expect(text).toMatch(new RegExp(`verosek_stage_duration_seconds_count\\{stage="${stage}"\\} [1-9]`));
    }
  });

  it('lists the configured model groups', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o', 'claude', 'gemini']);
  });

  it.each([['a wrong key', { apiKey: 'nope' }, OpenAI.AuthenticationError, 401]])(
    'refuses %s with the SDK typed error',
    async (_label, opts, ErrorType, status) => {
      const bad = new OpenAI({ baseURL: `${gateway.url}/v1`, maxRetries: 0, ...opts });
      const err = await bad.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
        .catch((e) => e);
      expect(err).toBeInstanceOf(ErrorType);
      expect(err.status).toBe(status);
    },
  );

  it('answers an unknown model with 404 in OpenAI format', async () => {
    const err = await client.chat.completions
      .create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.code).toBe('model_not_found');
  });

  it('answers malformed JSON with 400 in OpenAI format, never a 500', async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: '{"model": "gpt-4o", "messages": [',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers a bad field with 400 naming it', async () => {
    const err = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'wizard', content: 'x' }] as never })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toContain('messages[0].role');
  });

  it('maps an upstream 429 to the SDK RateLimitError with retry-after', async () => {
    fakes.openai.script({ error: { status: 429, retryAfter: 7 } });
    const err = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.headers.get('retry-after')).toBe('7');
  });
});
