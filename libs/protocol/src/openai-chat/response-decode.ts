import type { CanonicalResponse, ContentPart } from '../canonical';
import { GatewayError } from '../gateway-error';
import { nowSeconds } from '../util/ids';
import { isObject } from '../util/wire-reader';
import { stopReasonFromOpenAI, usageFromOpenAI } from './maps';

/**
 * OpenAI chat.completion body -> canonical response. Only the first choice is read: `n > 1` is
 * served by byte passthrough (same format both sides), never through the canonical model.
 */
export function decodeOpenAIResponse(body: unknown): CanonicalResponse {
  if (!isObject(body) || !Array.isArray(body.choices)) {
    throw new GatewayError('api_error', 'upstream OpenAI answer is not a chat completion');
  }
  const choice = body.choices[0];
  const message = isObject(choice) && isObject(choice.message) ? choice.message : {};
  const content: ContentPart[] = [];
  if (typeof message.content === 'string' && message.content !== '')
    content.push({ type: 'text', text: message.content });
  const refused = typeof message.refusal === 'string';
  if (refused) content.push({ type: 'text', text: message.refusal as string, refusal: true });
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isObject(call) || !isObject(call.function)) continue;
      content.push({
        type: 'tool_call',
        id: String(call.id),
        name: String(call.function.name),
        arguments: typeof call.function.arguments === 'string' ? call.function.arguments : '',
      });
    }
  }
  const finishReason =
    isObject(choice) && typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
  const response: CanonicalResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : '',
    created: typeof body.created === 'number' ? body.created : nowSeconds(),
    content,
    stopReason: stopReasonFromOpenAI(finishReason, refused),
    usage: usageFromOpenAI(body.usage) ?? { inputTokens: 0, outputTokens: 0 },
  };
  if (finishReason !== undefined) response.rawStopReason = finishReason;
  return response;
}
