import type { StopReason, Usage } from '../canonical';
import { isObject, type WireObject } from '../util/wire-reader';

/** Why a Response ended `incomplete`; undefined when it completed. */
export function incompleteReasonOf(stop: StopReason): 'max_output_tokens' | 'content_filter' | undefined {
  if (stop === 'length') return 'max_output_tokens';
  if (stop === 'content_filter') return 'content_filter';
  return undefined;
}

export function stopReasonFromResponse(
  status: unknown,
  incompleteReason: unknown,
  calledTools: boolean,
): StopReason {
  if (status === 'incomplete') return incompleteReason === 'content_filter' ? 'content_filter' : 'length';
  return calledTools ? 'tool_calls' : 'stop';
}

export function usageToResponses(usage: Usage): WireObject {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      cache_write_tokens: usage.cacheWriteInputTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export function usageFromResponses(raw: unknown): Usage | undefined {
  if (!isObject(raw)) return undefined;
  const usage: Usage = { inputTokens: num(raw.input_tokens), outputTokens: num(raw.output_tokens) };
  const input = raw.input_tokens_details;
  if (isObject(input) && typeof input.cached_tokens === 'number' && input.cached_tokens > 0)
    usage.cachedInputTokens = input.cached_tokens;
  const output = raw.output_tokens_details;
  if (isObject(output) && typeof output.reasoning_tokens === 'number' && output.reasoning_tokens > 0)
    usage.reasoningTokens = output.reasoning_tokens;
  return usage;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
