import { anthropicSpec, geminiSpec, openaiSpec } from '@verosek/testing/specs';
import type { CanonicalResponse, CanonicalStreamEvent } from './canonical';
import { codecFor } from './codecs';
import { SseParser } from './sse/sse-parser';

const RESPONSE: CanonicalResponse = {
  id: 'resp_1',
  model: 'provider-model',
  created: 1_700_000_000,
  content: [
    { type: 'thinking', text: 'The user wants the weather.', signature: 'sig' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
  ],
  stopReason: 'tool_calls',
  rawStopReason: 'tool_use',
  usage: { inputTokens: 120, outputTokens: 40, cachedInputTokens: 100, reasoningTokens: 12 },
};

/** The same answer as stream events, as any decoder would produce them. */
const EVENTS: CanonicalStreamEvent[] = [
  { type: 'start', id: 'resp_1', model: 'provider-model', created: 1_700_000_000 },
  { type: 'usage', usage: { inputTokens: 120, outputTokens: 1 } },
  { type: 'thinking-start', index: 0 },
  { type: 'thinking-delta', index: 0, text: 'The user wants the weather.' },
  { type: 'thinking-signature', index: 0, signature: 'sig' },
  { type: 'block-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, text: 'Check' },
  { type: 'text-delta', index: 1, text: 'ing.' },
  { type: 'block-end', index: 1 },
  { type: 'tool-call-start', index: 2, id: 'call_1', name: 'get_weather' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '"Oslo"}' },
  { type: 'block-end', index: 2 },
  { type: 'finish', stopReason: 'tool_calls', rawStopReason: 'tool_use', usage: RESPONSE.usage },
];

function frames(text: string): Array<{ event?: string; data: string }> {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

function encodeStream(format: Parameters<typeof codecFor>[0], framing?: 'sse' | 'json-array'): string {
  const encoder = codecFor(format).createStreamEncoder({
    model: 'client-model',
    includeUsage: true,
    framing,
  });
  return EVENTS.map((e) => encoder.encode(e)).join('') + encoder.end();
}

describe('what the gateway answers is valid against each official spec', () => {
  it('OpenAI chat.completion and every chunk', () => {
    expect(
      openaiSpec.validateResponse(
        'CreateChatCompletionResponse',
        codecFor('openai-chat').encodeResponse(RESPONSE, 'client-model'),
      ).errors,
    ).toEqual([]);
    const chunks = frames(encodeStream('openai-chat'));
    expect(chunks.pop()).toEqual({ data: '[DONE]' });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks)
      expect(openaiSpec.validateStreamChunk(JSON.parse(chunk.data)).errors).toEqual([]);
  });

  it('Anthropic Message and every stream event, in the documented order', () => {
    expect(
      anthropicSpec.validateResponse(
        'Message',
        codecFor('anthropic-messages').encodeResponse(RESPONSE, 'client-model'),
      ).errors,
    ).toEqual([]);
    const events = frames(encodeStream('anthropic-messages'));
    for (const event of events) {
      const data = JSON.parse(event.data) as { type: string };
      expect(event.event).toBe(data.type);
      expect(anthropicSpec.validateStreamEvent(data).errors).toEqual([]);
    }
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'ping',
      ...['content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop'],
      ...['content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop'],
      ...['content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop'],
      'message_delta',
      'message_stop',
    ]);
  });

  it('Gemini GenerateContentResponse and every chunk, in both framings', () => {
    expect(
      geminiSpec.validateResponse(
        'GenerateContentResponse',
        codecFor('gemini').encodeResponse(RESPONSE, 'client-model'),
      ).errors,
    ).toEqual([]);
    const sse = encodeStream('gemini', 'sse');
    expect(
      sse
        .split('\r\n\r\n')
        .filter(Boolean)
        .every((frame) => frame.startsWith('data: {')),
    ).toBe(true);
    const chunks = frames(sse).map((f) => JSON.parse(f.data) as unknown);
    for (const chunk of chunks) expect(geminiSpec.validateStreamChunk(chunk).errors).toEqual([]);
    const array = encodeStream('gemini', 'json-array');
    expect(array).toMatch(/^\[\{.*\}\n,\r\n\{.*\}\n\]$/s);
    expect(JSON.parse(array)).toEqual(chunks);
    expect(chunks[chunks.length - 1]).toMatchObject({
      candidates: [
        {
          finishReason: 'STOP',
          content: { parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }] },
        },
      ],
      usageMetadata: {
        promptTokenCount: 120,
        candidatesTokenCount: 28,
        thoughtsTokenCount: 12,
        cachedContentTokenCount: 100,
        totalTokenCount: 160,
      },
    });
  });
});
