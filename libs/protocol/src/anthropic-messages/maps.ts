import type { StopReason, Usage } from '../canonical';
import { isObject, type WireObject } from '../util/wire-reader';

export function stopReasonFromAnthropic(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'refusal';
    default:
      // end_turn, pause_turn (server tools paused a long turn).
      return 'stop';
  }
}

export function stopReasonToAnthropic(stop: StopReason): string {
  switch (stop) {
    case 'length':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'tool_calls':
      return 'tool_use';
    case 'refusal':
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/**
 * Anthropic counts `input_tokens` without the cache: canonical input is the sum of
 * input_tokens, cache_read_input_tokens and cache_creation_input_tokens.
 */
export function usageFromAnthropic(raw: unknown, previous?: Usage): Usage | undefined {
  if (!isObject(raw)) return undefined;
  const cacheRead = numOr(raw.cache_read_input_tokens, undefined);
  const cacheWrite = numOr(raw.cache_creation_input_tokens, undefined);
  const hasInput =
    typeof raw.input_tokens === 'number' || cacheRead !== undefined || cacheWrite !== undefined;
  const usage: Usage = {
    inputTokens: hasInput
      ? numOr(raw.input_tokens, 0)! + (cacheRead ?? 0) + (cacheWrite ?? 0)
      : (previous?.inputTokens ?? 0),
    outputTokens: numOr(raw.output_tokens, previous?.outputTokens ?? 0)!,
  };
  const cached = hasInput ? cacheRead : previous?.cachedInputTokens;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const written = hasInput ? cacheWrite : previous?.cacheWriteInputTokens;
  if (written !== undefined) usage.cacheWriteInputTokens = written;
  const details = raw.output_tokens_details;
  const thinking = isObject(details) ? numOr(details.thinking_tokens, undefined) : previous?.reasoningTokens;
  if (thinking !== undefined) usage.reasoningTokens = thinking;
  return usage;
}

export function usageToAnthropic(usage: Usage): WireObject {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  const wire: WireObject = {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.outputTokens,
  };
  if (usage.reasoningTokens !== undefined)
    wire.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return wire;
}

function numOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' ? value : fallback;
}
