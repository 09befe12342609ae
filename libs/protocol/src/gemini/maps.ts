import type { StopReason, Usage } from '../canonical';
import { isObject, type WireObject } from '../util/wire-reader';
import { field } from './fields';

export function stopReasonFromGemini(reason: string | undefined, calledTools: boolean): StopReason {
  switch (reason) {
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'LANGUAGE':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
      return 'error';
    default:
      // Gemini ends a turn that called functions with STOP.
      return calledTools ? 'tool_calls' : 'stop';
  }
}

export function finishReasonToGemini(stop: StopReason): string {
  switch (stop) {
    case 'length':
      return 'MAX_TOKENS';
    case 'content_filter':
    case 'refusal':
      return 'SAFETY';
    case 'error':
      return 'OTHER';
    default:
      return 'STOP';
  }
}

/** Gemini counts thoughts apart from candidates; canonical output includes reasoning. */
export function usageFromGemini(raw: unknown): Usage | undefined {
  if (!isObject(raw)) return undefined;
  const thoughts = num(field(raw, 'thoughtsTokenCount'));
  const candidates = num(field(raw, 'candidatesTokenCount') ?? field(raw, 'responseTokenCount'));
  const usage: Usage = {
    inputTokens: num(field(raw, 'promptTokenCount')) + num(field(raw, 'toolUsePromptTokenCount')),
    outputTokens: candidates + thoughts,
  };
  const cached = field(raw, 'cachedContentTokenCount');
  if (typeof cached === 'number') usage.cachedInputTokens = cached;
  if (thoughts > 0) usage.reasoningTokens = thoughts;
  return usage;
}

export function usageToGemini(usage: Usage): WireObject {
  const thoughts = usage.reasoningTokens ?? 0;
  const wire: WireObject = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - thoughts),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) wire.cachedContentTokenCount = usage.cachedInputTokens;
  if (usage.reasoningTokens !== undefined) wire.thoughtsTokenCount = usage.reasoningTokens;
  return wire;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
