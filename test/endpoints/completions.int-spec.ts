import OpenAI from 'openai';
import { openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, endpointsYaml } from './support/endpoints-harness';

describe('/v1/completions through the gateway (OpenAI SDK; OpenAI passthrough, chat providers by prompt-as-user-message)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({ yaml: endpointsYaml(fakes) });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('passes a completion through to OpenAI with the provider model, usage and cost recorded', async () => {
    fakes.openai.script({ text: ' This is a test.', usage: { input: 5, output: 5 } });
    const { data, response } = await openai.completions
      .create({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Say this is a test',
        max_tokens: 7,
        temperature: 0,
      })
      .withResponse();
    expect(data.choices[0].text).toBe(' This is a test.');
    expect(data.model).toBe('gpt-3.5-turbo-instruct');
    expect(data.object).toBe('text_completion');
    expect(openaiSpec.validateResponse('CreateCompletionResponse', data).errors).toEqual([]);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    expect(sent.path).toBe('/v1/completions');
    expect(sent.body).toMatchObject({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      max_tokens: 7,
    });
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({ input_tokens: 5, output_tokens: 5 });
    expect(audit.cost_usd).toBeCloseTo((5 * 1.5 + 5 * 2) / 1e6, 12);
  });

  it('streams from OpenAI; usage is asked upstream always, shown only when the caller asks', async () => {
    fakes.openai.script({ text: 'a b c', chunks: ['a', ' b', ' c'], usage: { input: 3, output: 3 } });
    const stream = await openai.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'letters',
      stream: true,
    });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe('a b c');
    expect(chunks.some((c) => c.usage)).toBe(false);
    // The spec has no chunk schema; the chunk that ends the choice has the full completion shape.
    const last = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(openaiSpec.validateResponse('CreateCompletionResponse', last).errors).toEqual([]);
    expect(fakes.openai.requests[0].body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });

    fakes.openai.script({ text: 'x y', chunks: ['x', ' y'], usage: { input: 2, output: 2 } });
    const withUsage = await openai.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'letters',
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of withUsage) usage = chunk.usage ?? usage;
    expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 2 });
  });

  it('serves a chat-only provider (Anthropic) with the prompt as the user message and max_tokens 16 by default', async () => {
    fakes.anthropic.script({ text: 'Paris', usage: { input: 8, output: 1 } });
    const data = await openai.completions.create({ model: 'claude', prompt: 'The capital of France is' });
    expect(data.choices[0]).toMatchObject({ text: 'Paris', finish_reason: 'stop', index: 0 });
    expect(data.usage).toMatchObject({ prompt_tokens: 8, completion_tokens: 1 });
    expect(openaiSpec.validateResponse('CreateCompletionResponse', data).errors).toEqual([]);
    const [sent] = fakes.anthropic.requests;
    expect(sent.valid).toBe(true);
    expect(sent.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'The capital of France is' }],
    });
  });

  it('streams from Gemini, translated', async () => {
    fakes.gemini.script({ text: 'blue sky', chunks: ['blue', ' sky'] });
    const stream = await openai.completions.create({
      model: 'gemini',
      prompt: 'Colour?',
      stream: true,
      max_tokens: 20,
    });
    let text = '';
    let finish: string | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('blue sky');
    expect(finish).toBe('stop');
    expect(fakes.gemini.requests[0].valid).toBe(true);
  });

  it('refuses echo on a chat provider, naming the field', async () => {
    const err = await openai.completions
      .create({ model: 'claude', prompt: 'x', echo: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain("'echo'");
  });
});
