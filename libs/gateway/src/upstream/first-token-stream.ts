import type { CanonicalStreamEvent, StreamDecoder } from '@verosek/protocol';
import { serializeSse, SseParser, type SseEvent } from '@verosek/protocol';
import { TextDecoder } from 'node:util';
import type { AttemptFailure } from '@verosek/routing';
import { upstreamFailure } from './upstream-failure';

/** One frame of a stream passed through: its wire text, data as the provider wrote it, and its meaning. */
export interface TappedFrame {
  /** '' for what the decoder concluded at the end of the bytes, which no frame carried. */
  wire: string;
  events: CanonicalStreamEvent[];
}

export interface OpenedStream<T> {
  head: T[];
  rest: AsyncGenerator<T>;
}

/** Events that mean the client would have seen a token: after one, a failure can no longer fall back. */
function isToken(event: CanonicalStreamEvent): boolean {
  switch (event.type) {
    case 'text-delta':
    case 'thinking-delta':
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'finish':
      return true;
    default:
      return false;
  }
}

function endedEarly(): AttemptFailure {
  return upstreamFailure('connection', {
    kind: 'api_error',
    status: 502,
    message: 'upstream stream ended before its first token',
  });
}

/**
 * Reads an upstream stream until its first token, so a failure before it can still fall back
 * (nothing has reached the client): an error event or the end of the stream before a token
 * throws an AttemptFailure. Returns the events read so far and an iterator over the rest.
 */
export async function openAtFirstToken(
  body: AsyncIterable<Buffer | Uint8Array>,
  decoder: StreamDecoder,
): Promise<OpenedStream<CanonicalStreamEvent>> {
  const opened = await openUntilToken(decodedChunks(body, decoder), (events) => events);
  return { head: opened.head.flat(), rest: flatten(opened.rest) };
}

/** The same for a stream passed through: SSE frames kept whole, each tapped by the decoder. */
export function openFramesAtFirstToken(
  body: AsyncIterable<Buffer | Uint8Array>,
  decoder: StreamDecoder,
): Promise<OpenedStream<TappedFrame>> {
  return openUntilToken(tappedFrames(body, decoder), (frame) => frame.events);
}

async function openUntilToken<T>(
  items: AsyncGenerator<T>,
  eventsOf: (item: T) => readonly CanonicalStreamEvent[],
): Promise<OpenedStream<T>> {
  const head: T[] = [];
  let sawToken = false;
  for (;;) {
    const next = await items.next();
    if (next.done) throw endedEarly();
    for (const event of eventsOf(next.value)) {
      if (event.type === 'error' && !sawToken) throw upstreamFailure('http', event.error);
      sawToken ||= isToken(event);
    }
    head.push(next.value);
    if (sawToken) return { head, rest: items };
  }
}

async function* decodedChunks(
  body: AsyncIterable<Buffer | Uint8Array>,
  decoder: StreamDecoder,
): AsyncGenerator<CanonicalStreamEvent[]> {
  const text = new TextDecoder();
  for await (const chunk of body) yield decoder.push(text.decode(chunk, { stream: true }));
  yield [...decoder.push(text.decode()), ...decoder.end()];
}

async function* tappedFrames(
  body: AsyncIterable<Buffer | Uint8Array>,
  decoder: StreamDecoder,
): AsyncGenerator<TappedFrame> {
  const sse = new SseParser();
  const text = new TextDecoder();
  const tap = (events: SseEvent[]): TappedFrame[] =>
    events.map((event) => {
      const wire = serializeSse(event.data, event.event);
      return { wire, events: decoder.push(wire) };
    });
  for await (const chunk of body) yield* tap(sse.push(text.decode(chunk, { stream: true })));
  yield* tap([...sse.push(text.decode()), ...sse.end()]);
  yield { wire: '', events: decoder.end() };
}

async function* flatten<T>(batches: AsyncGenerator<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}
