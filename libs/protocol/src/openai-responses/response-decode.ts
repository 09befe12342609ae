import type { CanonicalResponse, ContentPart } from '../canonical';
import { nowSeconds } from '../util/ids';
import { asObject, isObject, type WireObject } from '../util/wire-reader';
import { stopReasonFromResponse, usageFromResponses } from './maps';

/**
 * OpenAI Response object -> canonical response. Output items with no canonical form (built-in
 * tool calls such as web_search_call) are dropped.
 */
export function decodeResponsesResponse(body: unknown): CanonicalResponse {
  const b = asObject(body, 'response');
  const content: ContentPart[] = [];
  for (const item of Array.isArray(b.output) ? b.output : [])
    if (isObject(item)) content.push(...partsOf(item));
  const calledTools = content.some((p) => p.type === 'tool_call');
  const incomplete = isObject(b.incomplete_details) ? b.incomplete_details.reason : undefined;
  const stopReason = stopReasonFromResponse(b.status, incomplete, calledTools);
  const response: CanonicalResponse = {
    id: typeof b.id === 'string' ? b.id : '',
    model: typeof b.model === 'string' ? b.model : '',
    created: typeof b.created_at === 'number' ? b.created_at : nowSeconds(),
    content,
    stopReason,
    usage: usageFromResponses(b.usage) ?? { inputTokens: 0, outputTokens: 0 },
  };
  if (typeof b.status === 'string')
    response.rawStopReason = typeof incomplete === 'string' ? incomplete : b.status;
  return response;
}

export function partsOf(item: WireObject): ContentPart[] {
  switch (item.type) {
    case 'message':
      return (Array.isArray(item.content) ? item.content : []).flatMap((part): ContentPart[] => {
        if (!isObject(part)) return [];
        if (part.type === 'output_text' && typeof part.text === 'string')
          return [{ type: 'text', text: part.text }];
        if (part.type === 'refusal' && typeof part.refusal === 'string')
          return [{ type: 'text', text: part.refusal, refusal: true }];
        return [];
      });
    case 'function_call':
      return [
        {
          type: 'tool_call',
          id: String(item.call_id ?? item.id ?? ''),
          name: String(item.name ?? ''),
          arguments: typeof item.arguments === 'string' ? item.arguments : '',
        },
      ];
    case 'reasoning': {
      const text = (Array.isArray(item.summary) ? item.summary : [])
        .map((s) => (isObject(s) && typeof s.text === 'string' ? s.text : ''))
        .join('');
      const part: ContentPart = { type: 'thinking', text };
      if (typeof item.encrypted_content === 'string') part.signature = item.encrypted_content;
      return [part];
    }
    default:
      return [];
  }
}
