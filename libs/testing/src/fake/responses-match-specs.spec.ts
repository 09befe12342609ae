import type { ScriptedAnswer, ScriptedError } from './answer';
import type { FakeServer } from './fake-server';
import { FAKE_ANTHROPIC_API_KEY, startFakeAnthropic } from '../anthropic/fake-anthropic';
import { FAKE_GEMINI_API_KEY, startFakeGemini } from '../gemini/fake-gemini';
import { FAKE_OPENAI_API_KEY, startFakeOpenAI } from '../openai/fake-openai';
import { anthropicSpec } from '../specs/anthropic-spec';
import { geminiSpec } from '../specs/gemini-spec';
import { openaiSpec } from '../specs/openai-spec';
import type { ValidationResult } from '../specs/validation';
import { parseSse } from '../sse/parse-sse';

/** How to call one fake raw, and which spec checks its answers. */
interface ProviderUnderTest {
  name: string;
  start(): Promise<FakeServer>;
  call(fake: FakeServer, stream: boolean): Promise<Response>;
  checkBody(body: unknown): ValidationResult;
  checkError(body: unknown): ValidationResult;
  /** Every event of a streamed body, each checked. */
  checkStream(text: string): ValidationResult[];
}

const post = (url: string, headers: Record<string, string>, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const providers: ProviderUnderTest[] = [
  {
    name: 'openai',
    start: () => startFakeOpenAI(),
    call: (fake, stream) =>
      post(
        `${fake.baseUrl}/chat/completions`,
        { authorization: `Bearer ${FAKE_OPENAI_API_KEY}` },
        {
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'hello' }],
          n: 2,
          ...(stream && { stream: true, stream_options: { include_usage: true } }),
        },
      ),
    checkBody: (body) => openaiSpec.validateResponse('CreateChatCompletionResponse', body),
    checkError: (body) => openaiSpec.validateError(body),
    checkStream: (text) =>
      parseSse(text).map((e) => {
        if (e.data === '[DONE]') return { valid: true, errors: [] };
        const data = JSON.parse(e.data);
        return data.error ? openaiSpec.validateError(data) : openaiSpec.validateStreamChunk(data);
      }),
  },
  {
    name: 'anthropic',
    start: () => startFakeAnthropic(),
    call: (fake, stream) =>
      post(
        `${fake.baseUrl}/v1/messages`,
        { 'x-api-key': FAKE_ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01' },
        {
          model: 'claude-sonnet-4-5',
          max_tokens: 2048,
          messages: [{ role: 'user', content: 'hello' }],
          ...(stream && { stream: true }),
        },
      ),
    checkBody: (body) => anthropicSpec.validateResponse('Message', body),
    checkError: (body) => anthropicSpec.validateError(body),
    checkStream: (text) =>
      parseSse(text).map((e) => {
        const data = JSON.parse(e.data);
        if (data.type !== e.event)
          return { valid: false, errors: [`event ${e.event} carries type ${data.type}`] };
        return anthropicSpec.validateStreamEvent(data);
      }),
  },
  {
    name: 'gemini',
    start: () => startFakeGemini(),
    call: (fake, stream) =>
      post(
        `${fake.baseUrl}/v1beta/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        { 'x-goog-api-key': FAKE_GEMINI_API_KEY },
        { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] },
      ),
    checkBody: (body) => geminiSpec.validateResponse('GenerateContentResponse', body),
    checkError: (body) => geminiSpec.validateError(body),
    checkStream: (text) =>
      parseSse(text).map((e) => {
        const data = JSON.parse(e.data);
        return data.error ? geminiSpec.validateError(data) : geminiSpec.validateStreamChunk(data);
      }),
  },
];

const thinking = { text: 'Let me work this out step by step.', signature: 'EqQBCkYIBxgCKkDsignature' };
const toolCalls = [
  { name: 'get_weather', arguments: { city: 'Paris', days: 3, hourly: false } },
  { name: 'lookup', arguments: { ids: [1, 2], filter: { kind: 'a' } } },
];

const answers: Array<[string, ScriptedAnswer | undefined]> = [
  ['the default answer', undefined],
  ['scripted text in chunks', { text: 'Hello world again', chunks: ['Hel', 'lo world', ' again'] }],
  ['parallel tool calls', { toolCalls }],
  ['text then a tool call', { text: 'Checking.', toolCalls: [toolCalls[0]] }],
  ['thinking and text', { text: '42', thinking }],
  ['thinking and tool calls', { thinking, toolCalls }],
  ['a max-tokens stop', { text: 'cut sho', stopReason: 'max_tokens' }],
  ['a content-filter stop', { text: '', stopReason: 'content_filter' }],
  [
    'cached and reasoning usage',
    { text: 'ok', usage: { input: 100, output: 30, cached: 60, reasoning: 10 } },
  ],
  ['an echo of the request', { echoRequest: true }],
];

const errors: ScriptedError[] = [400, 401, 403, 404, 429, 500, 503, 504, 529].map((status) => ({
  status,
  retryAfter: 2,
}));

describe.each(providers)('the fake $name answers as its spec says', (provider) => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await provider.start();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it.each(answers)('for %s, plain and streamed', async (_label, answer) => {
    if (answer) fake.script(answer, answer);
    const plain = await provider.call(fake, false);
    expect(plain.status).toBe(200);
    expect(provider.checkBody(await plain.json())).toEqual({ valid: true, errors: [] });
    const streamed = await provider.call(fake, true);
    expect(streamed.status).toBe(200);
    const results = provider.checkStream(await streamed.text());
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result).toEqual({ valid: true, errors: [] });
    expect(fake.requests.every((r) => r.valid)).toBe(true);
  });

  it.each(errors)('for a scripted $status error', async (error) => {
    fake.script({ error });
    const res = await provider.call(fake, false);
    expect(res.status).toBe(error.status);
    expect(provider.checkError(await res.json())).toEqual({ valid: true, errors: [] });
  });

  it.each(errors)('for a $status error mid-stream', async (error) => {
    fake.script({ text: 'one two three', fault: 'error-mid-stream', faultAfterChunks: 2, error });
    const results = provider.checkStream(await (await provider.call(fake, true)).text());
    expect(results).toHaveLength(3);
    for (const result of results) expect(result).toEqual({ valid: true, errors: [] });
  });
});
