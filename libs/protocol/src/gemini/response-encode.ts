import type { CanonicalResponse } from '../canonical';
import type { WireObject } from '../util/wire-reader';
import { finishReasonToGemini, usageToGemini } from './maps';
import { encodeContentPart } from './parts';

/** Canonical response -> Gemini GenerateContentResponse, echoing the model the client asked for. */
export function encodeGeminiResponse(response: CanonicalResponse, requestedModel: string): WireObject {
  const parts: WireObject[] = [];
  for (let i = 0; i < response.content.length; i++) {
    const part = encodeContentPart(response.content[i], `content[${i}]`, () => '');
    if (part !== undefined) parts.push(part);
  }
  if (parts.length === 0) parts.push({ text: '' });
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        finishReason: finishReasonToGemini(response.stopReason),
        index: 0,
      },
    ],
    usageMetadata: usageToGemini(response.usage),
    modelVersion: requestedModel,
    responseId: response.id,
  };
}
