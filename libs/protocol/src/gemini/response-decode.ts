import type { CanonicalResponse, ContentPart, StopReason } from '../canonical';
import { GatewayError } from '../gateway-error';
import { newId, nowSeconds } from '../util/ids';
import { isObject, type WireObject } from '../util/wire-reader';
import { field } from './fields';
import { stopReasonFromGemini, usageFromGemini } from './maps';
import { decodeContentPart } from './parts';

/** Gemini GenerateContentResponse -> canonical response (first candidate). */
export function decodeGeminiResponse(body: unknown): CanonicalResponse {
  if (!isObject(body))
    throw new GatewayError('api_error', 'upstream Gemini answer is not a GenerateContentResponse');
  const id =
    typeof field(body, 'responseId') === 'string' ? (field(body, 'responseId') as string) : newId('gen-');
  const candidate = firstCandidate(body);
  const content: ContentPart[] = [];
  let calledTools = false;
  const parts =
    candidate !== undefined && isObject(candidate.content) && Array.isArray(candidate.content.parts)
      ? candidate.content.parts
      : [];
  let calls = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isObject(part)) continue;
    const decoded = decodeResponsePart(part, `candidates[0].content.parts[${i}]`, () =>
      geminiCallId(id, calls),
    );
    if (decoded === undefined) continue;
    if (decoded.type === 'tool_call') {
      calledTools = true;
      calls++;
    }
    content.push(decoded);
  }
  const finish = candidate !== undefined ? field(candidate, 'finishReason') : undefined;
  const rawStop = typeof finish === 'string' ? finish : blockReason(body);
  const response: CanonicalResponse = {
    id,
    model: typeof field(body, 'modelVersion') === 'string' ? (field(body, 'modelVersion') as string) : '',
    created: nowSeconds(),
    content,
    stopReason: rawStop === undefined ? 'stop' : stopFor(rawStop, calledTools, candidate === undefined),
    usage: usageFromGemini(field(body, 'usageMetadata')) ?? { inputTokens: 0, outputTokens: 0 },
  };
  if (rawStop !== undefined) response.rawStopReason = rawStop;
  return response;
}

export function firstCandidate(body: WireObject): WireObject | undefined {
  const candidates = body.candidates;
  return Array.isArray(candidates) && isObject(candidates[0]) ? candidates[0] : undefined;
}

/** The prompt was blocked before any candidate: `promptFeedback.blockReason`. */
export function blockReason(body: WireObject): string | undefined {
  const feedback = field(body, 'promptFeedback');
  const reason = isObject(feedback) ? field(feedback, 'blockReason') : undefined;
  return typeof reason === 'string' ? reason : undefined;
}

export function stopFor(raw: string, calledTools: boolean, promptBlocked: boolean): StopReason {
  return promptBlocked ? 'content_filter' : stopReasonFromGemini(raw, calledTools);
}

/** Synthesized id of the n-th function call of a response, stable for a given response id. */
export function geminiCallId(responseId: string, n: number): string {
  return `call_${responseId.replace(/[^a-zA-Z0-9_-]/g, '')}_${n}`;
}

/** Response parts the canonical model has no place for (executable code, images out) are skipped. */
export function decodeResponsePart(
  part: WireObject,
  path: string,
  callId: () => string,
): ContentPart | undefined {
  if (
    typeof part.text !== 'string' &&
    field(part, 'functionCall') === undefined &&
    field(part, 'inlineData') === undefined
  ) {
    if (field(part, 'thoughtSignature') === undefined) return undefined;
    // A bare signature part: keep it on an empty text so that it is echoed back.
    return { type: 'text', text: '', signature: String(field(part, 'thoughtSignature')) };
  }
  return decodeContentPart(part, path, callId);
}
