import type { CanonicalStreamEvent, PassthroughRules, StreamEncoder } from '@verosek/protocol';
import type { TappedFrame } from '../upstream/first-token-stream';
import type { RelayResult } from './stream-relay';
import { track } from './stream-relay';

export interface PassthroughRelayOptions {
  rules: PassthroughRules;
  clientAskedUsage: boolean;
  /** Writes the caller's format's error event when the stream fails. */
  encoder: StreamEncoder;
  startedAt: number;
}

/**
 * Relays a same-format stream frame by frame as the provider wrote it, tapping each frame for
 * usage, first token and failures. A failure (the provider's error event, a frame that is not
 * JSON, bytes cut short) ends the stream with the format's own error event, written by the
 * gateway so the client always gets a well-formed one.
 */
export async function* relayPassthrough(
  head: TappedFrame[],
  rest: AsyncIterable<TappedFrame>,
  options: PassthroughRelayOptions,
  result: RelayResult,
): AsyncGenerator<string> {
  const emit = (frame: TappedFrame): string => {
    for (const event of frame.events) track(event, result, options.startedAt);
    if (result.error) return options.encoder.encode({ type: 'error', error: result.error });
    return options.rules.hides(frame.events, options.clientAskedUsage) ? '' : frame.wire;
  };
  try {
    for await (const frame of chain(head, rest)) {
      const wire = emit(frame);
      if (wire) yield wire;
      if (result.error) return;
    }
  } catch (err) {
    const error: CanonicalStreamEvent = {
      type: 'error',
      error: { kind: 'api_error', status: 502, message: `upstream stream failed: ${(err as Error).message}` },
    };
    track(error, result, options.startedAt);
    yield options.encoder.encode(error);
    return;
  }
  result.completed = true;
}

async function* chain<T>(head: T[], rest: AsyncIterable<T>): AsyncGenerator<T> {
  yield* head;
  yield* rest;
}
