import Anthropic from '@anthropic-ai/sdk';
import * as fs from 'node:fs';
import type { FakeServer } from '../fake/fake-server';
import { anthropicSpec } from '../specs/anthropic-spec';
import { specPath } from '../specs/specs-dir';
import { parseSse } from '../sse/parse-sse';
import { FAKE_ANTHROPIC_API_KEY, startFakeAnthropic } from './fake-anthropic';

describe('fake Anthropic driven by the @anthropic-ai/sdk', () => {
  let fake: FakeServer;
  let client: Anthropic;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    client = new Anthropic({ apiKey: FAKE_ANTHROPIC_API_KEY, baseURL: fake.baseUrl, maxRetries: 0 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const params = (content: string): Anthropic.MessageCreateParamsNonStreaming => ({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content }],
  });

  it('answers by default quoting the last user message, with a real-looking id and usage', async () => {
    const message = await client.messages.create(params('Tell me about otters.'));
    expect(message.id).toMatch(/^msg_01[1-9A-HJ-NP-Za-km-z]{22}$/);
    expect(message.content).toEqual([
      { type: 'text', text: expect.stringContaining('Tell me about otters.') },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(fake.requests[0]).toMatchObject({ path: '/v1/messages', valid: true });
    expect(fake.requests[0].headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('streams text deltas in the scripted chunks and the final usage', async () => {
    fake.script({
      text: 'Otters hold hands.',
      chunks: ['Otters', ' hold', ' hands.'],
      usage: { input: 20, output: 5, cached: 8 },
    });
    const stream = client.messages.stream({ ...params('otters'), stream: true });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    expect(deltas).toEqual(['Otters', ' hold', ' hands.']);
    expect(final.usage).toMatchObject({ input_tokens: 12, cache_read_input_tokens: 8, output_tokens: 5 });
  });

  it('frames streams as the API: named events, a ping, message_delta usage, message_stop', async () => {
    fake.script({
      text: 'Hi there',
      thinking: { text: 'Simple greeting.', signature: 'EqQBCkYIBRgCKkBsig' },
      toolCalls: [{ name: 'f', arguments: { a: 1 } }],
    });
    const res = await fetch(`${fake.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': FAKE_ANTHROPIC_API_KEY,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ ...params('hi'), stream: true }),
    });
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of events) {
      const data = JSON.parse(event.data);
      expect(data.type).toBe(event.event);
      expect(anthropicSpec.validateStreamEvent(data)).toEqual({ valid: true, errors: [] });
    }
  });

  it('returns parallel tool calls with parsed input, streamed as input_json_delta fragments', async () => {
    const toolCalls = [
      { name: 'get_weather', arguments: { location: 'Paris', units: 'c' } },
      { name: 'get_time', arguments: '{"zone": "Europe/Paris"}' },
    ];
    fake.script({ toolCalls }, { toolCalls });
    const message = await client.messages.create(params('weather and time'));
    expect(message.stop_reason).toBe('tool_use');
    const uses = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    expect(uses.map((u) => [u.name, u.input])).toEqual([
      ['get_weather', { location: 'Paris', units: 'c' }],
      ['get_time', { zone: 'Europe/Paris' }],
    ]);
    expect(uses[0].id).toMatch(/^toolu_01/);

    const stream = client.messages.stream(params('again'));
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const final = await stream.finalMessage();
    expect(
      final.content.filter((b) => b.type === 'tool_use').map((b) => (b as Anthropic.ToolUseBlock).input),
    ).toEqual([{ location: 'Paris', units: 'c' }, { zone: 'Europe/Paris' }]);
    expect(partials.length).toBeGreaterThan(4);
  });

  it('returns thinking blocks with their signature, plain and streamed', async () => {
    const thinking = {
      text: 'The user wants a number. Seven is fine.',
      signature: 'EuYBCkQYAiJAsignature==',
    };
    fake.script({ text: '7', thinking }, { text: '7', thinking });
    const withThinking = {
      ...params('pick a number'),
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      max_tokens: 2048,
    };
    const message = await client.messages.create(withThinking);
    expect(message.content[0]).toEqual({
      type: 'thinking',
      thinking: thinking.text,
      signature: thinking.signature,
    });
    const final = await client.messages.stream(withThinking).finalMessage();
    expect(final.content[0]).toEqual({
      type: 'thinking',
      thinking: thinking.text,
      signature: thinking.signature,
    });
  });

  it.each([
    [429, Anthropic.RateLimitError],
    [500, Anthropic.InternalServerError],
    [503, Anthropic.InternalServerError],
    [529, Anthropic.InternalServerError],
    [401, Anthropic.AuthenticationError],
  ])('raises the typed SDK error for a scripted %i', async (status, ErrorClass) => {
    fake.script({ error: { status, retryAfter: status === 429 ? 3 : undefined } });
    const error = (await client.messages.create(params('x')).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.APIError
    >;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(anthropicSpec.validateError(error.error)).toEqual({ valid: true, errors: [] });
    if (status === 429) expect(error.headers?.get('retry-after')).toBe('3');
  });

  it('raises OverloadedError with type overloaded_error for a 529', async () => {
    fake.script({ error: { status: 529 } });
    const error = (await client.messages.create(params('x')).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.APIError
    >;
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect((error.error as { error: { type: string } }).error.type).toBe('overloaded_error');
  });

  it('raises an overloaded_error event mid-stream after the first events', async () => {
    fake.script({ text: 'a b c d', fault: 'error-mid-stream', faultAfterChunks: 4, error: { status: 529 } });
    const stream = client.messages.stream(params('x'));
    const error = await stream.finalMessage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String((error as Error).message)).toContain('overloaded_error');
  });

  it('rejects a missing key, a wrong key and a missing anthropic-version header', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: fake.baseUrl, maxRetries: 0 });
    await expect(wrong.messages.create(params('x'))).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const body = JSON.stringify(params('x'));
    const noKey = await fetch(`${fake.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'anthropic-version': '2023-06-01' },
      body,
    });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const noVersion = await fetch(`${fake.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': FAKE_ANTHROPIC_API_KEY },
      body,
    });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
  });

  it('rejects what the spec rejects (unknown key, missing max_tokens) with 400 naming the field', async () => {
    const error = await client.messages
      .create({ ...params('x'), frequency_penalty: 1 } as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain('frequency_penalty');
    expect(fake.requests[0]).toMatchObject({ valid: false });
  });

  it('rejects a tool_result without its tool_use, as the API does', async () => {
    const error = await client.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01x', content: '42' }] },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain('toolu_01x');
  });

  it('counts tokens and lists models', async () => {
    const count = await client.messages.countTokens({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'hello there' }],
    });
    expect(count.input_tokens).toBeGreaterThan(0);
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => m.id)).toContain('claude-sonnet-4-5-20250929');
    expect(anthropicSpec.validateResponse('ModelInfo', models[0])).toEqual({ valid: true, errors: [] });
  });

  it('answers every recorded SDK request with the recorded status (rate limits aside)', async () => {
    const dir = specPath('anthropic', 'fixtures', 'recorded-http');
    let replayed = 0;
    for (const file of fs.readdirSync(dir)) {
      const exchanges = JSON.parse(fs.readFileSync(`${dir}/${file}`, 'utf8')) as Array<{
        request: { url: string; headers: Record<string, string>; body: unknown };
        response: { status_code: number };
      }>;
      for (const { request, response } of exchanges) {
        const url = new URL(request.url);
        const res = await fetch(`${fake.baseUrl}${url.pathname}${url.search}`, {
          method: 'POST',
          headers: {
            ...pick(request.headers, ['anthropic-version', 'anthropic-beta', 'content-type']),
            'x-api-key': FAKE_ANTHROPIC_API_KEY,
          },
          body: JSON.stringify(request.body),
        });
        await res.text();
        // A recorded 429 was the account's rate limit, not the request's fault.
        const expected = response.status_code === 429 ? 200 : response.status_code;
        expect({ file, status: res.status }).toEqual({ file, status: expected });
        replayed++;
      }
    }
    expect(replayed).toBe(32);
    // The one recorded 400 is the API refusing a tool_result whose tool_use is not in the turn before.
    const refused = fake.requests.filter((r) => !r.valid);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors[0]).toContain('unexpected `tool_use_id` found in `tool_result` blocks');
  });
});

function pick(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => headers[n] !== undefined).map((n) => [n, headers[n]]));
}
