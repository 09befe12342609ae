import OpenAI from 'openai';
import { openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, endpointsYaml } from './support/endpoints-harness';

type StreamEvent = { type: string; sequence_number: number } & Record<string, unknown>;

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

describe('/v1/responses through the gateway (OpenAI SDK; OpenAI passthrough, Anthropic and Gemini translated)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({
      yaml: endpointsYaml(fakes, 'shield:\n  pre: { pii: redact }\n  post: { pii: redact }\n'),
    });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  async function collect(stream: AsyncIterable<unknown>): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    for await (const event of stream) events.push(event as StreamEvent);
    return events;
  }

  function expectValidStream(events: StreamEvent[]): void {
    for (const event of events)
      expect([event.type, openaiSpec.validateStreamChunk(event, 'ResponseStreamEvent').errors]).toEqual([
        event.type,
        [],
      ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1)!.type).toBe('response.completed');
  }

  it('passes a plain call through to OpenAI with the provider model, answered as a Response', async () => {
    fakes.openai.script({ text: 'Hello there.', usage: { input: 11, output: 3 } });
    const { data, response } = await openai.responses
      .create({ model: 'gpt-4o', instructions: 'Be brief.', input: 'Say hello' })
      .withResponse();
    expect(data.output_text).toBe('Hello there.');
    expect(data.model).toBe('gpt-4o');
    expect(data.usage).toMatchObject({ input_tokens: 11, output_tokens: 3, total_tokens: 14 });
    expect(openaiSpec.validateResponse('Response', data).errors).toEqual([]);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    expect(sent.path).toBe('/v1/responses');
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      instructions: 'Be brief.',
      input: 'Say hello',
    });
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({
      model_group: 'gpt-4o',
      provider: 'openai',
      input_tokens: 11,
      output_tokens: 3,
    });
  });

  it('streams from OpenAI with typed events, every one valid against the spec', async () => {
    fakes.openai.script({
      text: 'one two three',
      chunks: ['one', ' two', ' three'],
      usage: { input: 5, output: 3 },
    });
    const events = await collect(
      await openai.responses.create({ model: 'gpt-4o', input: 'Count', stream: true }),
    );
    expectValidStream(events);
    expect(
      events
        .filter((e) => e.type === 'response.output_text.delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('one two three');
    const completed = events.at(-1)!.response as OpenAI.Responses.Response;
    expect(completed.usage).toMatchObject({ input_tokens: 5, output_tokens: 3 });
    expect(fakes.openai.requests[0].valid).toBe(true);
  });

  it('translates a plain call for Anthropic through the canonical model', async () => {
    fakes.anthropic.script({ text: 'Bonjour.', usage: { input: 9, output: 2 } });
    const data = await openai.responses.create({
      model: 'claude',
      instructions: 'Answer in French.',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] }],
      max_output_tokens: 100,
    });
    expect(data.output_text).toBe('Bonjour.');
    expect(data.model).toBe('claude');
    expect(openaiSpec.validateResponse('Response', data).errors).toEqual([]);
    const [sent] = fakes.anthropic.requests;
    expect(sent.valid).toBe(true);
    expect(sent.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: expect.anything(),
      messages: [{ role: 'user', content: 'Say hello' }],
    });
  });

  it('streams a function call from Gemini as response.function_call_arguments.delta events', async () => {
    fakes.gemini.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const events = await collect(
      await openai.responses.create({
        model: 'gemini',
        input: 'Weather in Paris?',
        tools: [WEATHER_TOOL],
        stream: true,
      }),
    );
    expectValidStream(events);
    const args = events
      .filter((e) => e.type === 'response.function_call_arguments.delta')
      .map((e) => e.delta)
      .join('');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    const done = events.find((e) => e.type === 'response.output_item.done')!.item as Record<string, unknown>;
    expect(done).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(fakes.gemini.requests[0].valid).toBe(true);
  });

  it('sends a function result back to Anthropic as a tool turn', async () => {
    fakes.anthropic.script({ text: 'It is sunny in Paris.' });
    const data = await openai.responses.create({
      model: 'claude',
      tools: [WEATHER_TOOL],
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'toolu_01', output: '{"sky":"sunny"}' },
      ],
    });
    expect(data.output_text).toBe('It is sunny in Paris.');
    const [sent] = fakes.anthropic.requests;
    expect(sent.valid).toBe(true);
    expect((sent.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          expect.objectContaining({
            type: 'tool_use',
            id: 'toolu_01',
            name: 'get_weather',
            input: { city: 'Paris' },
          }),
        ],
      },
      { role: 'user', content: [expect.objectContaining({ type: 'tool_result', tool_use_id: 'toolu_01' })] },
    ]);
  });

  it('streams text from Anthropic, with usage in response.completed', async () => {
    fakes.anthropic.script({
      text: 'A short story.',
      chunks: ['A short', ' story.'],
      usage: { input: 7, output: 4 },
    });
    const events = await collect(
      await openai.responses.create({ model: 'claude', input: 'Tell a story', stream: true }),
    );
    expectValidStream(events);
    expect(
      events
        .filter((e) => e.type === 'response.output_text.delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('A short story.');
    expect((events.at(-1)!.response as OpenAI.Responses.Response).usage).toMatchObject({
      input_tokens: 7,
      output_tokens: 4,
    });
  });

  it('redacts PII in the input before the passthrough, and in the answer', async () => {
    fakes.openai.script({ text: 'Write to bob.smith@example.com.' });
    const data = await openai.responses.create({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'I am jane.roe@example.org' }],
    });
    expect(JSON.stringify(fakes.openai.requests[0].body)).not.toContain('jane.roe@example.org');
    expect(data.output_text).toBe('Write to [REDACTED:EMAIL].');
  });

  it('refuses previous_response_id with a clear 400 (the gateway keeps no conversation state)', async () => {
    const err = await openai.responses
      .create({ model: 'gpt-4o', input: 'and then?', previous_response_id: 'resp_123' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain('previous_response_id');
    expect(fakes.openai.requests).toHaveLength(0);
  });

  it('refuses a built-in tool on a translated provider, naming the field', async () => {
    const err = await openai.responses
      .create({ model: 'claude', input: 'news?', tools: [{ type: 'web_search' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain('tools[0].type');
  });
});
