import OpenAI from 'openai';
import { parseSse } from '../sse/parse-sse';
import { openaiSpec } from '../specs/openai-spec';
import type { FakeServer } from '../fake/fake-server';
import { FAKE_OPENAI_API_KEY, startFakeOpenAI } from './fake-openai';

describe('fake OpenAI driven by the openai SDK', () => {
  let fake: FakeServer;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    client = new OpenAI({ apiKey: FAKE_OPENAI_API_KEY, baseURL: fake.baseUrl, maxRetries: 0 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }], ...extra });

  it('answers by default with text quoting the last user message, and records the request', async () => {
    const completion = await ask('What is the capital of France?');
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(completion.choices[0].message.content).toContain('What is the capital of France?');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage!.total_tokens).toBe(
      completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
    );
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      valid: true,
      errors: [],
    });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${FAKE_OPENAI_API_KEY}`);
    expect((fake.requests[0].body as { model: string }).model).toBe('gpt-4o');
  });

  it('answers scripted text with scripted usage', async () => {
    fake.script({ text: 'Paris.', usage: { input: 11, output: 2, cached: 4 } });
    const completion = await ask('Capital?');
    expect(completion.choices[0].message.content).toBe('Paris.');
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 });
    expect(completion.usage!.prompt_tokens_details!.cached_tokens).toBe(4);
  });

  it('uses answers scripted for a model only for that model', async () => {
    fake.script({ model: 'gpt-4o-mini', text: 'mini' }, { text: 'any' });
    expect((await ask('x')).choices[0].message.content).toBe('any');
    expect((await ask('x', { model: 'gpt-4o-mini' })).choices[0].message.content).toBe('mini');
  });

  it('streams text in the scripted chunks with a final usage chunk and [DONE]', async () => {
    fake.script({ text: 'Hello there world', chunks: ['Hel', 'lo there', ' world'] });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        if (choice.delta.content) deltas.push(choice.delta.content);
        finish = choice.finish_reason ?? finish;
      }
    }
    expect(deltas).toEqual(['Hel', 'lo there', ' world']);
    expect(finish).toBe('stop');
    expect(usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('frames the stream exactly as the API: data lines, usage chunk with empty choices, then [DONE]', async () => {
    const res = await fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_OPENAI_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    for (const chunk of chunks)
      expect(openaiSpec.validateStreamChunk(chunk)).toEqual({ valid: true, errors: [] });
    expect(chunks.at(-1).choices).toEqual([]);
    expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('returns parallel tool calls with parsed arguments, streamed in several fragments', async () => {
    const calls = [
      { name: 'get_weather', arguments: { city: 'Edinburgh', units: 'c' } },
      { name: 'get_stock_price', arguments: '{"ticker": "AAPL"}' },
    ];
    fake.script({ toolCalls: calls }, { toolCalls: calls });
    const plain = await ask('weather and stocks');
    expect(plain.choices[0].finish_reason).toBe('tool_calls');
    const toolCalls = plain.choices[0].message.tool_calls as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(toolCalls.map((c) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ['get_weather', { city: 'Edinburgh', units: 'c' }],
      ['get_stock_price', { ticker: 'AAPL' }],
    ]);
    expect(toolCalls[0].id).toMatch(/^call_/);

    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'again' }],
    });
    let fragments = 0;
    stream.on('chunk', (chunk) => {
      if (chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments) fragments++;
    });
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0].message.tool_calls as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(streamed.map((c) => JSON.parse(c.function.arguments))).toEqual([
      { city: 'Edinburgh', units: 'c' },
      { ticker: 'AAPL' },
    ]);
    expect(fragments).toBeGreaterThan(4);
  });

  it('reports reasoning tokens for thinking', async () => {
    fake.script({
      text: 'Done.',
      thinking: { text: 'Let me think about this carefully first.', signature: 'sig' },
    });
    const completion = await ask('think', { model: 'o4-mini' });
    const reasoning = completion.usage!.completion_tokens_details!.reasoning_tokens!;
    expect(reasoning).toBeGreaterThan(0);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(reasoning);
  });

  it.each([
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
    [503, OpenAI.InternalServerError],
    [401, OpenAI.AuthenticationError],
    [400, OpenAI.BadRequestError],
  ])('raises the typed SDK error for a scripted %i', async (status, ErrorClass) => {
    fake.script({ error: { status, retryAfter: status === 429 ? 7 : undefined } });
    const error = (await ask('x').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    // The SDK keeps the body's `error` member; wrapped back it must be the spec's ErrorResponse.
    expect(openaiSpec.validateError({ error: error.error })).toEqual({ valid: true, errors: [] });
    if (status === 429) expect(error.headers?.get('retry-after')).toBe('7');
  });

  it('rejects a wrong key and a missing key with 401', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.baseUrl, maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const res = await fetch(`${fake.baseUrl}/models`);
    expect(res.status).toBe(401);
    expect(openaiSpec.validateError(await res.json()).valid).toBe(true);
  });

  it('rejects a body the spec rejects with 400 naming the field, and records it as invalid', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'wizard' as 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('/messages/0/role');
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages[0].role');
    expect(fake.requests[0].valid).toBe(false);
  });

  it('rejects a tool message that answers no tool call, as the API does', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'tool', tool_call_id: 'call_x', content: '42' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('raises an APIError on an error event mid-stream, after the first chunks', async () => {
    fake.script({
      text: 'one two three four five',
      fault: 'error-mid-stream',
      faultAfterChunks: 3,
      error: { status: 500 },
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(seen).toHaveLength(3);
  });

  it('resets the connection and fails the next calls by plan', async () => {
    fake.script({ fault: 'reset' });
    await expect(ask('x')).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    fake.failNext(2, { error: { status: 503 } });
    await expect(ask('x')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(ask('x')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(ask('x')).resolves.toBeDefined();
  });

  it('fails a share of calls reproducibly with a fail rate', async () => {
    fake.setFailRate(0.5, { error: { status: 429 } }, 42);
    const outcomes = [];
    for (let i = 0; i < 20; i++)
      outcomes.push(
        await ask('x').then(
          () => 'ok',
          (e: { status: number }) => e.status,
        ),
      );
    const failures = outcomes.filter((o) => o === 429).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
    expect(outcomes.every((o) => o === 'ok' || o === 429)).toBe(true);
  });

  it('times out on a stalled call and on a stream stalled mid-way', async () => {
    fake.script({ fault: 'stall' });
    // Under jest the SDK reports its own timeout as a plain connection error (the abort error comes
    // from another realm), so the check is on the base class: the call was accepted, then hung.
    const call = client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] },
      { timeout: 300 },
    );
    await expect(call).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(fake.requests).toHaveLength(1);
    fake.script({ text: 'a b c d e f', fault: 'stall-mid-stream', faultAfterChunks: 2 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true },
      { signal: controller.signal },
    );
    const seen: unknown[] = [];
    const done = (async () => {
      for await (const chunk of stream) {
        seen.push(chunk);
        if (seen.length === 2) setTimeout(() => controller.abort(), 100);
      }
    })();
    await done; // the SDK ends the iteration quietly on abort
    expect(controller.signal.aborted).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('lists models', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o');
    expect(
      openaiSpec.validateResponse('ListModelsResponse', {
        object: 'list',
        data: ids.map((id) => ({ id, object: 'model', created: 1, owned_by: 'system' })),
      }).valid,
    ).toBe(true);
  });
});
