import type { CanonicalStreamEvent, GatewayErrorInfo, StreamEncoder, Usage } from '@verosek/protocol';
import type { StreamShield } from './shield-gate';

export interface RelayResult {
  usage?: Usage;
  /** Characters of output seen, to charge a stream the client cut before its usage arrived. */
  outputChars: number;
  ttftMs?: number;
  error?: GatewayErrorInfo;
  completed: boolean;
}

/**
 * Relays canonical events from the upstream to the client's wire format, through the stream
 * Shield, chunk by chunk as they arrive (never buffered). A failure after the first token ends the
 * stream with the format's own error event, not a fake stop reason.
 */
export async function* relayStream(
  head: CanonicalStreamEvent[],
  rest: AsyncIterable<CanonicalStreamEvent>,
  encoder: StreamEncoder,
  shield: StreamShield,
  startedAt: number,
  result: RelayResult,
): AsyncGenerator<string> {
  const emit = (event: CanonicalStreamEvent): string => {
    let wire = '';
    for (const safe of shield.filter(event)) {
      track(safe, result, startedAt);
      wire += encoder.encode(safe);
    }
    return wire;
  };
  let wire = head.map(emit).join('');
  if (wire) yield wire;
  try {
    for await (const event of rest) {
      wire = emit(event);
      if (wire) yield wire;
    }
  } catch (err) {
    const error = {
      kind: 'api_error' as const,
      status: 502,
      message: `upstream stream failed: ${(err as Error).message}`,
    };
    wire = emit({ type: 'error', error });
    if (wire) yield wire;
  }
  yield encoder.end();
  result.completed = !result.error;
}

/** Notes what an event means for metering: output seen, first token, usage, failure. */
export function track(event: CanonicalStreamEvent, result: RelayResult, startedAt: number): void {
  switch (event.type) {
    case 'text-delta':
    case 'thinking-delta':
      result.outputChars += event.text.length;
      result.ttftMs ??= performance.now() - startedAt;
      break;
    case 'tool-call-delta':
      result.outputChars += event.argumentsDelta.length;
      result.ttftMs ??= performance.now() - startedAt;
      break;
    case 'usage':
    case 'finish':
      result.usage = event.usage;
      break;
    case 'error':
      result.error = event.error;
      break;
  }
}
