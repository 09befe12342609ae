import type { CanonicalResponse, StopReason } from '../canonical';
import {
  finishReasonToOpenAI,
  stopReasonFromOpenAI,
  usageFromOpenAI,
  usageToOpenAI,
} from '../openai-chat/maps';
import { nowSeconds } from '../util/ids';
import { asObject, isObject, type WireObject } from '../util/wire-reader';

/** Canonical response -> `text_completion` body: the answer's text parts joined into choice 0. */
export function encodeCompletionsResponse(response: CanonicalResponse, requestedModel: string): WireObject {
  const text = response.content.map((p) => (p.type === 'text' && !p.refusal ? p.text : '')).join('');
  return {
    id: completionId(response.id),
    object: 'text_completion',
    created: response.created,
    model: requestedModel,
    choices: [{ text, index: 0, logprobs: null, finish_reason: finishReasonOf(response.stopReason) }],
    usage: usageToOpenAI(response.usage),
  };
}

/** `text_completion` body -> canonical response (choice 0). */
export function decodeCompletionsResponse(body: unknown): CanonicalResponse {
  const b = asObject(body, 'completion');
  const choice = Array.isArray(b.choices) && isObject(b.choices[0]) ? b.choices[0] : {};
  const finish = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
  const response: CanonicalResponse = {
    id: typeof b.id === 'string' ? b.id : '',
    model: typeof b.model === 'string' ? b.model : '',
    created: typeof b.created === 'number' ? b.created : nowSeconds(),
    content: typeof choice.text === 'string' ? [{ type: 'text', text: choice.text }] : [],
    stopReason: stopReasonFromOpenAI(finish, false),
    usage: usageFromOpenAI(b.usage) ?? { inputTokens: 0, outputTokens: 0 },
  };
  if (finish !== undefined) response.rawStopReason = finish;
  return response;
}

export function completionId(id: string): string {
  return id.startsWith('cmpl-') ? id : `cmpl-${id.replace(/^[a-z]+[-_]/i, '')}`;
}

/** Completions have no tool calls: a chat provider's tool_calls ending reads as a plain stop. */
export function finishReasonOf(stop: StopReason): string {
  const reason = finishReasonToOpenAI(stop);
  return reason === 'tool_calls' ? 'stop' : reason;
}
