import type { CanonicalResponse } from '../canonical';
import type { WireObject } from '../util/wire-reader';
import { finishReasonToOpenAI, usageToOpenAI } from './maps';

/** Canonical response -> OpenAI chat.completion body, echoing the model the client asked for. */
export function encodeOpenAIResponse(response: CanonicalResponse, requestedModel: string): WireObject {
  let text: string | null = null;
  let refusal: string | null = null;
  let calls: WireObject[] | undefined;
  for (const part of response.content) {
    if (part.type === 'text') {
      if (part.refusal) refusal = (refusal ?? '') + part.text;
      else text = (text ?? '') + part.text;
    } else if (part.type === 'tool_call') {
      (calls ??= []).push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.arguments },
      });
    }
    // Thinking has no place in a chat.completion.
  }
  const message: WireObject = { role: 'assistant', content: text, refusal };
  if (calls !== undefined) message.tool_calls = calls;
  return {
    id: response.id,
    object: 'chat.completion',
    created: response.created,
    model: requestedModel,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: finishReasonToOpenAI(response.stopReason) },
    ],
    usage: usageToOpenAI(response.usage),
  };
}
