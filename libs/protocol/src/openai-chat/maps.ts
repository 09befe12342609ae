import type { StopReason, Usage } from '../canonical';
import { isObject, type WireObject } from '../util/wire-reader';

export function stopReasonFromOpenAI(finishReason: string | null | undefined, refused: boolean): StopReason {
  switch (finishReason) {
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return refused ? 'refusal' : 'stop';
  }
}

/** OpenAI has no finish reason for a refusal (it sets `message.refusal`) nor for an error. */
export function finishReasonToOpenAI(stop: StopReason): string {
  switch (stop) {
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function usageFromOpenAI(raw: unknown): Usage | undefined {
  if (!isObject(raw)) return undefined;
  const usage: Usage = { inputTokens: num(raw.prompt_tokens), outputTokens: num(raw.completion_tokens) };
  const prompt = raw.prompt_tokens_details;
  if (isObject(prompt) && typeof prompt.cached_tokens === 'number')
    usage.cachedInputTokens = prompt.cached_tokens;
  const completion = raw.completion_tokens_details;
  if (isObject(completion) && typeof completion.reasoning_tokens === 'number')
    usage.reasoningTokens = completion.reasoning_tokens;
  return usage;
}

export function usageToOpenAI(usage: Usage): WireObject {
  const wire: WireObject = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined)
    wire.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined)
    wire.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return wire;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
