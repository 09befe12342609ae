import type { CanonicalResponse } from '../canonical';
import type { WireObject } from '../util/wire-reader';
import { encodeBlock } from './content-blocks';
import { stopReasonToAnthropic, usageToAnthropic } from './maps';

/** Canonical response -> Anthropic Message body, echoing the model the client asked for. */
export function encodeAnthropicResponse(response: CanonicalResponse, requestedModel: string): WireObject {
  const content: WireObject[] = [];
  for (let i = 0; i < response.content.length; i++) {
    const part = response.content[i];
    if (part.type === 'thinking' && part.signature === undefined && !part.redacted) {
      // Another provider's reasoning without a signature still reads as a thinking block.
      content.push({ type: 'thinking', thinking: part.text, signature: '' });
      continue;
    }
    const block = encodeBlock(part, `content[${i}]`);
    if (block !== undefined) content.push(block);
  }
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: requestedModel,
    content,
    stop_reason: stopReasonToAnthropic(response.stopReason),
    stop_sequence: response.stopSequence ?? null,
    usage: usageToAnthropic(response.usage),
  };
}
