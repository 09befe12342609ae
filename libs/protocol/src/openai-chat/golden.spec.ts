import OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { openAIChatCodec } from './codec';
import { OpenAIStreamDecoder } from './stream-decoder';
import { OpenAIStreamEncoder } from './stream-encoder';
import { decodeInPieces, encodeAll, fetchAnswering } from '../test-support/streams';
import { listSpecFiles, readSpecJson, readSpecText } from '../test-support/specs';

const STREAMS = 'openai/fixtures/chat-completions-stream';
const BODIES = 'openai/fixtures/chat-completions';

/** What the SDK's ChatCompletionStream makes of an SSE body, reduced to what the canonical model carries (choice 0). */
async function sdkFinal(sse: string): Promise<unknown> {
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: 'http://upstream.test/v1',
    fetch: fetchAnswering(sse),
    maxRetries: 0,
  });
  const completion = await client.chat.completions
    .stream({ model: 'any', messages: [{ role: 'user', content: 'x' }] })
    .finalChatCompletion();
  return comparable(completion);
}

function comparable(completion: ChatCompletion): unknown {
  const choice = completion.choices.find((c) => c.index === 0)!;
  return {
    id: completion.id,
    model: completion.model,
    created: completion.created,
    content: choice.message.content,
    refusal: choice.message.refusal ?? null,
    toolCalls: (choice.message.tool_calls ?? []).map((call) =>
      call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : call,
    ),
    finish: choice.finish_reason,
    usage: completion.usage && {
      prompt: completion.usage.prompt_tokens,
      completion: completion.usage.completion_tokens,
      reasoning: completion.usage.completion_tokens_details?.reasoning_tokens,
    },
  };
}

describe('OpenAI chat golden streams: decode -> canonical -> encode, read by the openai SDK', () => {
  for (const name of listSpecFiles(STREAMS, '.sse.txt')) {
    it(`${name} yields the same completion (choice 0) as the recording`, async () => {
      const original = readSpecText(STREAMS, name);
      const events = decodeInPieces(new OpenAIStreamDecoder(), original);
      expect(events[events.length - 1].type).toBe('finish');
      const start = events[0];
      expect(start.type).toBe('start');
      const model = start.type === 'start' ? start.model : '';
      const reencoded = encodeAll(new OpenAIStreamEncoder({ model, includeUsage: true }), events);
      expect(reencoded.endsWith('data: [DONE]\n\n')).toBe(true);
      expect(await sdkFinal(reencoded)).toEqual(await sdkFinal(original));
    });
  }

  it('keeps the parallel tool calls apart with their ids and argument fragments', () => {
    const events = decodeInPieces(
      new OpenAIStreamDecoder(),
      readSpecText(STREAMS, 'tool-calls-parallel.sse.txt'),
    );
    const starts = events.filter((e) => e.type === 'tool-call-start');
    expect(starts).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_JMW1whyEaYG438VE1OIflxA2', name: 'GetWeatherArgs' },
      expect.objectContaining({ type: 'tool-call-start', index: 1, name: 'get_stock_price' }),
    ]);
    const args = (index: number) =>
      events.map((e) => (e.type === 'tool-call-delta' && e.index === index ? e.argumentsDelta : '')).join('');
    expect(JSON.parse(args(0))).toEqual({ city: 'Edinburgh', country: 'GB', units: 'c' });
    expect(JSON.parse(args(1))).toEqual({ ticker: 'AAPL', exchange: 'NASDAQ' });
    expect(events[events.length - 1]).toEqual({
      type: 'finish',
      stopReason: 'tool_calls',
      rawStopReason: 'tool_calls',
      usage: { inputTokens: 149, outputTokens: 60, reasoningTokens: 0 },
    });
  });

  it('marks a refusal as a refusal text block and stop reason', () => {
    const events = decodeInPieces(new OpenAIStreamDecoder(), readSpecText(STREAMS, 'refusal.sse.txt'));
    expect(events).toContainEqual({ type: 'text-start', index: 0, refusal: true });
    expect(events[events.length - 1]).toMatchObject({ type: 'finish', stopReason: 'refusal' });
  });
});

describe('OpenAI chat golden bodies: decode -> canonical -> encode', () => {
  for (const name of listSpecFiles(BODIES, '.json')) {
    it(`${name} keeps message, finish reason and usage (choice 0)`, () => {
      const original = readSpecJson<ChatCompletion>(BODIES, name);
      const reencoded = openAIChatCodec.encodeResponse(
        openAIChatCodec.decodeResponse(original),
        original.model,
      ) as ChatCompletion;
      expect(comparable(reencoded)).toEqual(comparable(original));
    });
  }
});
