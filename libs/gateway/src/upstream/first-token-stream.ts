import type { CanonicalStreamEvent, StreamDecoder } from '@verosek/protocol';
import { TextDecoder } from 'node:util';
import type { AttemptFailure } from '@verosek/routing';
import { upstreamFailure } from './upstream-failure';

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
): Promise<{ head: CanonicalStreamEvent[]; rest: AsyncGenerator<CanonicalStreamEvent> }> {
  const iterator = body[Symbol.asyncIterator]();
  const text = new TextDecoder();
  const head: CanonicalStreamEvent[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      head.push(...decoder.push(text.decode()), ...decoder.end());
      if (!head.some(isToken)) throw endedEarly();
      return { head, rest: empty() };
    }
    for (const event of decoder.push(text.decode(next.value, { stream: true }))) {
      if (event.type === 'error' && !head.some(isToken)) throw upstreamFailure('http', event.error);
      head.push(event);
    }
    if (head.some(isToken)) return { head, rest: remaining(iterator, decoder, text) };
  }
}

async function* remaining(
  iterator: AsyncIterator<Buffer | Uint8Array>,
  decoder: StreamDecoder,
  text: TextDecoder,
): AsyncGenerator<CanonicalStreamEvent> {
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    yield* decoder.push(text.decode(next.value, { stream: true }));
  }
  yield* decoder.push(text.decode());
  yield* decoder.end();
}

// eslint-disable-next-line require-yield
async function* empty(): AsyncGenerator<CanonicalStreamEvent> {
  return;
}
