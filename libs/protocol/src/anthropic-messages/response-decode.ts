import type { CanonicalResponse, ContentPart } from '../canonical';
import { GatewayError } from '../gateway-error';
import { nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { stopReasonFromAnthropic, usageFromAnthropic } from './maps';

/**
 * Anthropic Message body -> canonical response. Blocks with no canonical meaning (server tool
 * use and results, beta block types) are left out: the gateway never asks for them across formats.
 */
export function decodeAnthropicResponse(body: unknown): CanonicalResponse {
  if (!isObject(body) || !Array.isArray(body.content)) {
    throw new GatewayError('api_error', 'upstream Anthropic answer is not a message');
  }
  const content: ContentPart[] = [];
  for (const block of body.content) {
    if (!isObject(block)) continue;
    const part = responseBlock(block);
    if (part !== undefined) content.push(part);
  }
  const stop = typeof body.stop_reason === 'string' ? body.stop_reason : undefined;
  const response: CanonicalResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : '',
    created: nowSeconds(),
    content,
    stopReason: stopReasonFromAnthropic(stop),
    usage: usageFromAnthropic(body.usage) ?? { inputTokens: 0, outputTokens: 0 },
  };
  if (stop !== undefined) response.rawStopReason = stop;
  if (typeof body.stop_sequence === 'string') response.stopSequence = body.stop_sequence;
  return response;
}

export function responseBlock(block: WireObject): ContentPart | undefined {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(block.text ?? '') };
    case 'tool_use':
      return {
        type: 'tool_call',
        id: String(block.id),
        name: String(block.name),
        arguments: JSON.stringify(block.input ?? {}),
      };
    case 'thinking': {
      const part: ContentPart = { type: 'thinking', text: String(block.thinking ?? '') };
      if (typeof block.signature === 'string') part.signature = block.signature;
      return part;
    }
    case 'redacted_thinking':
      return { type: 'thinking', text: '', signature: String(block.data ?? ''), redacted: true };
    default:
      return undefined;
  }
}
