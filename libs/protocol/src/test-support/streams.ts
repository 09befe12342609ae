import type { CanonicalStreamEvent } from '../canonical';
import type { StreamDecoder, StreamEncoder } from '../codec';

/** Feeds `text` to a decoder in pieces of the given sizes (cycled), so chunk boundaries fall anywhere. */
export function decodeInPieces(
  decoder: StreamDecoder,
  text: string,
  sizes: number[] = [7, 1, 13, 2, 64],
): CanonicalStreamEvent[] {
  const events: CanonicalStreamEvent[] = [];
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const size = sizes[k++ % sizes.length];
    events.push(...decoder.push(text.slice(at, at + size)));
    at += size;
  }
  events.push(...decoder.end());
  return events;
}

export function encodeAll(encoder: StreamEncoder, events: CanonicalStreamEvent[]): string {
  let out = '';
  for (const event of events) out += encoder.encode(event);
  return out + encoder.end();
}

/** A fetch that answers every call with `body` (the fake upstream the SDKs under test talk to). */
export function fetchAnswering(body: string, status = 200, contentType = 'text/event-stream'): typeof fetch {
  return (async () =>
    new Response(body, { status, headers: { 'content-type': contentType } })) as typeof fetch;
}
