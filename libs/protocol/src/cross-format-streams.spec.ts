import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import OpenAI from 'openai';
import type { CanonicalStreamEvent } from './canonical';
import type { WireFormat } from './codec';
import { codecFor } from './codecs';
import { StreamCollector } from './stream-collector';
import { readSpecJson, readSpecText } from './test-support/specs';
import { decodeInPieces, encodeAll, fetchAnswering } from './test-support/streams';

function decode(format: WireFormat, text: string): CanonicalStreamEvent[] {
  return decodeInPieces(codecFor(format).createStreamDecoder(), text);
}

function encode(format: WireFormat, events: CanonicalStreamEvent[], includeUsage = true): string {
  return encodeAll(codecFor(format).createStreamEncoder({ model: 'client-model', includeUsage }), events);
}

async function viaOpenAI(sse: string) {
  const client = new OpenAI({
    apiKey: 'k',
    baseURL: 'http://gw.test/v1',
    fetch: fetchAnswering(sse),
    maxRetries: 0,
  });
  return client.chat.completions.stream({ model: 'client-model', messages: [] }).finalChatCompletion();
}

async function viaAnthropic(sse: string) {
  const client = new Anthropic({
    apiKey: 'k',
    baseURL: 'http://gw.test',
    fetch: fetchAnswering(sse),
    maxRetries: 0,
  });
  return client.messages.stream({ model: 'client-model', max_tokens: 10, messages: [] }).finalMessage();
}

async function viaGemini(sse: string): Promise<GenerateContentResponse[]> {
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(fetchAnswering(sse));
  try {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gw.test' } });
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: 'client-model', contents: 'x' }))
      chunks.push(chunk);
    return chunks;
  } finally {
    spy.mockRestore();
  }
}

const ANTHROPIC_TOOL_USE = readSpecText('anthropic/fixtures/sse/py-tool_use_response.sse.txt') + '\n\n';
const ANTHROPIC_THINKING = readSpecText('anthropic/fixtures/sse/ts-fable-fallback-stream-a-refusal.sse.txt');
const OPENAI_PARALLEL = readSpecText('openai/fixtures/chat-completions-stream/tool-calls-parallel.sse.txt');
const OPENAI_TEXT = readSpecText('openai/fixtures/chat-completions-stream/text-plain.sse.txt');
const GEMINI_AFC = readSpecJson<{ interactions: Array<{ response: { bodySegments: unknown[] } }> }>(
  'gemini/fixtures/recorded-http/AFC_Streaming_Tests_chat_stream_AFC_enabled_AFC_max_calls_exceeded_Google_AI_can_continue_after_max_calls_exceeded.json',
).interactions;
const geminiSse = (chunks: unknown[]) => chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join('');

describe('an Anthropic stream, told to an OpenAI client', () => {
  it('gives the same text and tool call, finish_reason tool_calls and usage', async () => {
    const completion = await viaOpenAI(
      encode('openai-chat', decode('anthropic-messages', ANTHROPIC_TOOL_USE)),
    );
    const message = completion.choices[0].message;
    expect(completion.model).toBe('client-model');
    expect(message.content).toBe("I'll check the current weather in Paris for you.");
    expect(message.tool_calls).toEqual([
      {
        id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location": "Paris"}' },
      },
    ]);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.usage).toEqual({
      prompt_tokens: 377,
      completion_tokens: 65,
      total_tokens: 442,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('sends no usage chunk when the client did not ask for it', () => {
    const text = encode('openai-chat', decode('anthropic-messages', ANTHROPIC_TOOL_USE), false);
    expect(text).not.toContain('"usage"');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

describe('an OpenAI stream, told to an Anthropic client', () => {
  it('gives two tool_use blocks with their ids and inputs', async () => {
    const message = await viaAnthropic(encode('anthropic-messages', decode('openai-chat', OPENAI_PARALLEL)));
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: 'call_JMW1whyEaYG438VE1OIflxA2',
        name: 'GetWeatherArgs',
        input: { city: 'Edinburgh', country: 'GB', units: 'c' },
      },
      {
        type: 'tool_use',
        id: expect.stringMatching(/^call_/),
        name: 'get_stock_price',
        input: { ticker: 'AAPL', exchange: 'NASDAQ' },
      },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 149, output_tokens: 60 });
  });

  it('and to a Gemini client: the same text, STOP and usage', async () => {
    const expected = (await viaOpenAI(OPENAI_TEXT)).choices[0].message.content;
    const chunks = await viaGemini(encode('gemini', decode('openai-chat', OPENAI_TEXT)));
    expect(chunks.map((c) => c.text ?? '').join('')).toBe(expected);
    const last = chunks[chunks.length - 1];
    expect(last.candidates?.[0].finishReason).toBe('STOP');
    expect(last.usageMetadata).toMatchObject({
      promptTokenCount: 14,
      totalTokenCount: 14 + (last.usageMetadata?.candidatesTokenCount ?? 0),
    });
  });
});

describe('a Gemini stream with signed function calls', () => {
  it('gives an OpenAI client a tool call with a synthesized id', async () => {
    const completion = await viaOpenAI(
      encode('openai-chat', decode('gemini', geminiSse(GEMINI_AFC[0].response.bodySegments))),
    );
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(call).toMatchObject({
      id: 'call_cNSfaL2nLvCez7IPxKGWuAg_0',
      function: { name: 'customDivide', arguments: '{"denominator":2,"numerator":10}' },
    });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    // Gemini counts thoughts apart; OpenAI counts them inside completion tokens.
    expect(completion.usage).toMatchObject({
      prompt_tokens: 81,
      completion_tokens: 199,
      completion_tokens_details: { reasoning_tokens: 179 },
    });
  });

  it('keeps the signature through the canonical events, for a Gemini client', async () => {
    const events = decode('gemini', geminiSse(GEMINI_AFC[2].response.bodySegments));
    const collected = new StreamCollector().addAll(events).result();
    const original = (
      GEMINI_AFC[2].response.bodySegments[0] as {
        candidates: Array<{ content: { parts: Array<{ thoughtSignature: string }> } }>;
      }
    ).candidates[0].content.parts[0];
    expect(collected.content).toEqual([
      { type: 'text', text: 'The result is 2.', signature: original.thoughtSignature },
    ]);
    const chunks = await viaGemini(encode('gemini', events));
    expect(chunks[chunks.length - 1].candidates?.[0].content?.parts).toEqual([
      { text: 'The result is 2.', thoughtSignature: original.thoughtSignature },
    ]);
  });
});

describe('Anthropic thinking, told to a Gemini client', () => {
  it('arrives as thought parts with the signature, then the text', async () => {
    const chunks = await viaGemini(encode('gemini', decode('anthropic-messages', ANTHROPIC_THINKING)));
    const parts = chunks.flatMap((c) => c.candidates?.[0].content?.parts ?? []);
    const thoughts = parts
      .filter((p) => p.thought)
      .map((p) => p.text)
      .join('');
    expect(thoughts.startsWith('Simple educational question')).toBe(true);
    expect(parts.find((p) => p.thoughtSignature)?.thoughtSignature).toBe(
      'c3ludGhldGljLXNpZ25hdHVyZS1maXh0dXJlLWEtbm90LWEtcmVhbC1zaWduYXR1cmU=',
    );
    expect(
      parts
        .filter((p) => !p.thought)
        .map((p) => p.text)
        .join(''),
    ).toBe('Hi');
    expect(chunks[chunks.length - 1].candidates?.[0].finishReason).toBe('SAFETY');
  });
});

describe('a mid-stream error reaches each client as its own error, not as a stop reason', () => {
  const events: CanonicalStreamEvent[] = [
    { type: 'start', id: 'x', model: 'm', created: 1 },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, text: 'partial' },
    { type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } },
  ];

  it('openai: data: {"error": ...} and no [DONE]; the SDK throws APIError', async () => {
    const text = encode('openai-chat', events);
    expect(text).toContain(
      'data: {"error":{"message":"Overloaded","type":"server_error","param":null,"code":null}}\n\n',
    );
    expect(text).not.toContain('[DONE]');
    await expect(viaOpenAI(text)).rejects.toMatchObject({
      constructor: OpenAI.APIError,
      message: expect.stringContaining('Overloaded'),
    });
  });

  it('anthropic: event: error with overloaded_error; the SDK throws', async () => {
    const text = encode('anthropic-messages', events);
    expect(text).toContain(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    await expect(viaAnthropic(text)).rejects.toMatchObject({ type: 'overloaded_error' });
  });

  it('gemini: the partial chunk, then an error chunk', () => {
    const text = encode('gemini', events);
    const chunks = text
      .split('\r\n\r\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line.slice('data: '.length)));
    expect(chunks).toEqual([
      expect.objectContaining({
        candidates: [{ content: { role: 'model', parts: [{ text: 'partial' }] }, index: 0 }],
      }),
      { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } },
    ]);
    expect(decode('gemini', text).pop()).toEqual({
      type: 'error',
      error: expect.objectContaining({ kind: 'unavailable', message: 'Overloaded' }),
    });
  });
});
