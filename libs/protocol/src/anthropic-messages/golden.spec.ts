import Anthropic from '@anthropic-ai/sdk';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { GatewayError } from '../gateway-error';
import { catchError } from '../test-support/errors';
import { anthropicMessagesCodec } from './codec';
import { AnthropicStreamDecoder } from './stream-decoder';
import { AnthropicStreamEncoder } from './stream-encoder';
import { decodeInPieces, encodeAll, fetchAnswering } from '../test-support/streams';
import { listSpecFiles, readSpecJson, readSpecText } from '../test-support/specs';

const SSE = 'anthropic/fixtures/sse';
const RECORDED = 'anthropic/fixtures/recorded-http';

interface Interaction {
  request: { url: string; body: Record<string, unknown> };
  response: { status_code: number; headers: Record<string, string>; body: unknown };
}

/** Streams whose blocks all have a canonical meaning (the others use beta-only block types). */
const TRANSLATABLE_STREAMS = [
  'py-basic_response.sse.txt',
  'py-incomplete_partial_json_response.sse.txt',
  'py-refusal_response.sse.txt',
  'py-tool_use_response.sse.txt',
  'ts-fable-fallback-stream-a-refusal.sse.txt',
];

/** Block types with a canonical meaning; the others are beta-only and skipped by the decoder. */
const CANONICAL_BLOCKS = new Set(['text', 'tool_use', 'thinking']);

/** The SDK only dispatches an SSE event closed by a blank line; some fixtures stop right after the last data line. */
async function sdkFinal(sse: string): Promise<unknown> {
  if (!sse.endsWith('\n\n')) sse += '\n\n';
  const client = new Anthropic({
    apiKey: 'test',
    baseURL: 'http://upstream.test',
    fetch: fetchAnswering(sse),
    maxRetries: 0,
  });
  const message = await client.messages
    .stream({ model: 'any', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
    .finalMessage();
  return comparable(message);
}

/** The message reduced to what the canonical model carries. */
function comparable(message: Message): unknown {
  return {
    id: message.id,
    model: message.model,
    content: message.content.map((block) => {
      switch (block.type) {
        case 'text':
          return { type: 'text', text: block.text };
        case 'tool_use':
          return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
        case 'thinking':
          return { type: 'thinking', thinking: block.thinking, signature: block.signature };
        default:
          return block;
      }
    }),
    stop_reason: message.stop_reason,
    stop_sequence: message.stop_sequence ?? null,
    usage: {
      input: message.usage.input_tokens,
      output: message.usage.output_tokens,
      cacheRead: message.usage.cache_read_input_tokens ?? 0,
      cacheWrite: message.usage.cache_creation_input_tokens ?? 0,
    },
  };
}

function reencode(sse: string): string {
  const events = decodeInPieces(new AnthropicStreamDecoder(), sse);
  const start = events.find((e) => e.type === 'start');
  return encodeAll(
    new AnthropicStreamEncoder({ model: start?.type === 'start' ? start.model : '', includeUsage: true }),
    events,
  );
}

describe('Anthropic golden streams: decode -> canonical -> encode, read by MessageStream', () => {
  const BETA_ONLY_STREAMS = listSpecFiles(SSE, '.sse.txt').filter(
    (name) => !TRANSLATABLE_STREAMS.includes(name) && name !== 'py-test_streaming-error-event.sse.txt',
  );

  it('covers every recorded stream (translatable or beta-only)', () => {
    expect(BETA_ONLY_STREAMS).toEqual([
      'py-compaction_response.sse.txt',
      'py-fallback_credit_response.sse.txt',
      'py-fallback_response.sse.txt',
      'ts-fable-fallback-stream-a-toolrefusal.sse.txt',
      'ts-fable-fallback-stream-b-fallback.sse.txt',
    ]);
  });

  for (const name of BETA_ONLY_STREAMS) {
    it(`${name} yields the recording's final message without its beta-only blocks`, async () => {
      const original = readSpecText(SSE, name);
      const recorded = (await sdkFinal(original)) as { content: Array<{ type: string }> };
      const canonical = {
        ...recorded,
        content: recorded.content.filter((b) => CANONICAL_BLOCKS.has(b.type)),
      };
      expect(canonical.content.length).toBeGreaterThan(0);
      expect(await sdkFinal(reencode(original))).toEqual(canonical);
    });
  }

  for (const name of TRANSLATABLE_STREAMS) {
    it(`${name} yields the same final message as the recording`, async () => {
      const original = readSpecText(SSE, name);
      expect(await sdkFinal(reencode(original))).toEqual(await sdkFinal(original));
    });
  }

  it('keeps thinking text and its signature', () => {
    const events = decodeInPieces(
      new AnthropicStreamDecoder(),
      readSpecText(SSE, 'ts-fable-fallback-stream-a-refusal.sse.txt'),
    );
    expect(events).toContainEqual({ type: 'thinking-start', index: 0 });
    expect(events).toContainEqual({
      type: 'thinking-signature',
      index: 0,
      signature: 'c3ludGhldGljLXNpZ25hdHVyZS1maXh0dXJlLWEtbm90LWEtcmVhbC1zaWduYXR1cmU=',
    });
    expect(events[events.length - 1]).toMatchObject({
      type: 'finish',
      stopReason: 'refusal',
      usage: { inputTokens: 28, outputTokens: 106, reasoningTokens: 67 },
    });
  });

  it('skips beta-only blocks and renumbers the rest', () => {
    const events = decodeInPieces(
      new AnthropicStreamDecoder(),
      readSpecText(SSE, 'py-fallback_response.sse.txt'),
    );
    expect(events.filter((e) => e.type !== 'usage')).toEqual([
      {
        type: 'start',
        id: 'msg_01FallbackModelRelabel000001',
        model: 'claude-opus-4-7',
        created: expect.any(Number),
      },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, text: 'Hello there!' },
      { type: 'block-end', index: 0 },
      {
        type: 'finish',
        stopReason: 'stop',
        rawStopReason: 'end_turn',
        usage: { inputTokens: 25, outputTokens: 8 },
      },
    ]);
  });

  it('turns the mid-stream error event into a canonical error the SDK raises the same way', async () => {
    const original = readSpecText(SSE, 'py-test_streaming-error-event.sse.txt');
    const events = decodeInPieces(new AnthropicStreamDecoder(), original);
    expect(events).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({ kind: 'overloaded', status: 529, message: 'Overloaded' }),
      },
    ]);
    const reencoded = encodeAll(new AnthropicStreamEncoder({ model: 'm', includeUsage: true }), events);
    expect(reencoded).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    const errorOf = (sse: string) =>
      sdkFinal(sse).then(
        () => undefined,
        (e: InstanceType<typeof Anthropic.APIError>) => [e.constructor.name, e.type, e.message],
      );
    expect(await errorOf(reencoded)).toEqual(await errorOf(original));
  });
});

describe('Anthropic recorded HTTP exchanges', () => {
  const files = listSpecFiles(RECORDED, '.json');
  const interactions = files.flatMap((file) =>
    readSpecJson<Interaction[]>(RECORDED, file).map((x, i) => ({ name: `${file}#${i}`, ...x })),
  );

  for (const x of interactions.filter((i) => i.response.status_code === 200)) {
    it(`${x.name}: the answer survives decode -> encode`, async () => {
      const body = x.response.body;
      if (typeof body === 'string') {
        expect(await sdkFinal(reencode(body))).toEqual(await sdkFinal(body));
      } else {
        const original = body as Message;
        const again = anthropicMessagesCodec.encodeResponse(
          anthropicMessagesCodec.decodeResponse(original),
          original.model,
        ) as Message;
        expect(comparable(again)).toEqual(
          comparable({
            ...original,
            content: original.content.filter((b) => ['text', 'tool_use', 'thinking'].includes(b.type)),
          }),
        );
      }
    });
  }

  const usesServerTools = (x: Interaction) =>
    JSON.stringify(x.request.body.messages).includes('"server_tool_use"');

  for (const x of interactions.filter(usesServerTools)) {
    it(`${x.name}: a request echoing server tool blocks is refused, naming the block`, () => {
      const error = catchError(() => anthropicMessagesCodec.decodeRequest(x.request.body));
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).info).toMatchObject({
        kind: 'invalid_request',
        status: 400,
        param: expect.stringMatching(/^messages\[\d+\]\.content\[\d+\]\.type$/),
      });
    });
  }

  for (const x of interactions.filter((i) => !usesServerTools(i))) {
    it(`${x.name}: the request survives decode -> encode`, () => {
      const body = x.request.body;
      const again = anthropicMessagesCodec.encodeRequest(
        anthropicMessagesCodec.decodeRequest(body),
        body.model as string,
      );
      expect(normalizeRequest(again as Record<string, unknown>)).toEqual(normalizeRequest(body));
    });
  }

  for (const x of interactions.filter((i) => i.response.status_code >= 400)) {
    it(`${x.name}: the ${x.response.status_code} error is classified by its type and re-encoded alike`, () => {
      const info = anthropicMessagesCodec.decodeError(
        x.response.status_code,
        x.response.body,
        x.response.headers,
      );
      const wire = (x.response.body as { error: { type: string; message: string } }).error;
      expect(info.code).toBe(wire.type);
      expect(info.kind).toBe(wire.type === 'rate_limit_error' ? 'rate_limit' : 'invalid_request');
      const encoded = anthropicMessagesCodec.encodeError(info);
      expect(encoded.status).toBe(x.response.status_code);
      expect(encoded.body).toEqual({ type: 'error', error: { type: wire.type, message: wire.message } });
      expect(encoded.headers['x-should-retry']).toBe(
        x.response.headers['x-should-retry'] === 'false' ? 'false' : undefined,
      );
    });
  }
});

/**
 * Equivalent spellings of one request: string content = one text block; consecutive user turns =
 * one turn (the API merges them). Nested fields the canonical model does not carry are removed
 * (`caller` echoed on tool_use blocks, a tool's beta `allowed_callers`).
 */
const NESTED_FIELDS_DROPPED = new Set(['caller', 'allowed_callers']);

function normalizeRequest(body: Record<string, unknown>): unknown {
  const messages: Array<{ role: string; content: unknown[] }> = [];
  for (const m of body.messages as Array<{ role: string; content: unknown }>) {
    const content =
      typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content as unknown[]);
    const last = messages[messages.length - 1];
    if (last !== undefined && last.role === 'user' && m.role === 'user') last.content.push(...content);
    else messages.push({ role: m.role, content: [...content] });
  }
  return withoutDroppedFields({ ...body, messages });
}

function withoutDroppedFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDroppedFields);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !NESTED_FIELDS_DROPPED.has(k))
      .map(([k, v]) => [k, withoutDroppedFields(v)]),
  );
}
