import type { CanonicalStreamEvent } from './canonical';
import { codecFor } from './codecs';
import { decodeInPieces } from './test-support/streams';

const decode = (format: Parameters<typeof codecFor>[0], text: string): CanonicalStreamEvent[] =>
  decodeInPieces(codecFor(format).createStreamDecoder(), text);

const upstreamEnded = { type: 'error', error: expect.objectContaining({ kind: 'api_error', status: 502 }) };

describe('stream decoders report a cut-off upstream as an error, never as a normal finish', () => {
  it('openai: bytes end before any finish_reason', () => {
    const text =
      'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n';
    expect(decode('openai-chat', text).pop()).toEqual(upstreamEnded);
  });

  it('openai: a finish_reason without [DONE] still finishes', () => {
    const text =
      'data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n';
    expect(decode('openai-chat', text).pop()).toEqual({
      type: 'finish',
      stopReason: 'stop',
      rawStopReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
  });

  it('openai: an error object in the stream becomes an error event', () => {
    const text =
      'data: {"error":{"message":"Rate limit","type":"requests","param":null,"code":"rate_limit_exceeded"}}\n\n';
    expect(decode('openai-chat', text)).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({
          kind: 'rate_limit',
          message: 'Rate limit',
          code: 'rate_limit_exceeded',
        }),
      },
    ]);
  });

  it('anthropic: bytes end before message_stop', () => {
    const text =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n';
    expect(decode('anthropic-messages', text).pop()).toEqual(upstreamEnded);
  });

  it('gemini: a chunk that is not JSON', () => {
    expect(decode('gemini', 'data: {"candidates": [\r\n\r\n')).toEqual([upstreamEnded]);
  });

  it('gemini: a prompt blocked before any candidate finishes with content_filter', () => {
    const text =
      'data: {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5},"responseId":"r","modelVersion":"g"}\r\n\r\n';
    expect(decode('gemini', text).pop()).toEqual({
      type: 'finish',
      stopReason: 'content_filter',
      rawStopReason: 'SAFETY',
      usage: { inputTokens: 5, outputTokens: 0 },
    });
  });
});

describe('stream encoders', () => {
  it('openai: the first chunk carries the assistant role, the id and the client model', () => {
    const encoder = codecFor('openai-chat').createStreamEncoder({
      model: 'client-model',
      includeUsage: false,
    });
    expect(encoder.encode({ type: 'start', id: 'chatcmpl-1', model: 'upstream', created: 42 })).toBe(
      'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":42,"model":"client-model","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n',
    );
  });

  it('anthropic: renumbers blocks from 0 and closes blocks left open at finish', () => {
    const encoder = codecFor('anthropic-messages').createStreamEncoder({
      model: 'client-model',
      includeUsage: true,
    });
    const text = [
      encoder.encode({ type: 'start', id: 'msg_1', model: 'u', created: 1 }),
      encoder.encode({ type: 'tool-call-start', index: 5, id: 'toolu_1', name: 'f' }),
      encoder.encode({ type: 'tool-call-delta', index: 5, argumentsDelta: '{"a":' }),
      encoder.encode({ type: 'finish', stopReason: 'length', usage: { inputTokens: 1, outputTokens: 2 } }),
    ].join('');
    expect(text).toContain(
      '"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}',
    );
    expect(text).toContain('event: content_block_stop\ndata: {"type":"content_block_stop","index":0}');
    expect(text).toContain('"delta":{"stop_reason":"max_tokens","stop_sequence":null}');
  });

  it('anthropic: a redacted thinking block starts once its data is known', () => {
    const encoder = codecFor('anthropic-messages').createStreamEncoder({
      model: 'client-model',
      includeUsage: true,
    });
    encoder.encode({ type: 'start', id: 'msg_1', model: 'u', created: 1 });
    expect(encoder.encode({ type: 'thinking-start', index: 0, redacted: true })).toContain(
      'event: message_start',
    );
    expect(encoder.encode({ type: 'thinking-signature', index: 0, signature: 'opaque' })).toBe(
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"opaque"}}\n\n',
    );
  });

  it('gemini: an empty json-array stream is an empty array', () => {
    expect(
      codecFor('gemini').createStreamEncoder({ model: 'g', includeUsage: true, framing: 'json-array' }).end(),
    ).toBe('[]');
  });
});
