import type { CanonicalStreamEvent } from '../canonical';
import type { StreamDecoder } from '../codec';
import { isObject, type WireObject } from '../util/wire-reader';
import { SseParser } from './sse-parser';

/**
 * The frame every SSE-of-JSON stream decoder shares: split the bytes into events, parse each one,
 * hand objects to the format's `onEvent`, and end with a 502 error event on a line that is not JSON
 * or on bytes that stop before the format's own end marker. Once closed, nothing more is emitted.
 */
export abstract class SseJsonDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  protected closed = false;

  push(chunk: string): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    for (const event of this.sse.push(chunk)) this.receive(event.data, out);
    return out;
  }

  end(): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    for (const event of this.sse.end()) this.receive(event.data, out);
    if (!this.closed) this.onBytesEnd(out);
    return out;
  }

  /** Ends the stream with a 502 error event. */
  protected fail(out: CanonicalStreamEvent[], message: string): void {
    this.closed = true;
    out.push({ type: 'error', error: { kind: 'api_error', status: 502, message } });
  }

  /** A data line the format gives a meaning of its own (OpenAI's `[DONE]`); true when handled. */
  protected onMarker(_data: string, _out: CanonicalStreamEvent[]): boolean {
    return false;
  }

  protected abstract onEvent(event: WireObject, out: CanonicalStreamEvent[]): void;

  /** The bytes ended and the stream is still open: finish it, or fail it. */
  protected abstract onBytesEnd(out: CanonicalStreamEvent[]): void;

  private receive(data: string, out: CanonicalStreamEvent[]): void {
    if (this.closed || this.onMarker(data, out)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.fail(out, 'upstream sent a stream event that is not JSON');
      return;
    }
    if (isObject(parsed)) this.onEvent(parsed, out);
  }
}
