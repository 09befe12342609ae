import type { Usage } from '@verosek/protocol';

/**
 * Token usage of a non-chat JSON answer where the provider reports it: images (`usage.input_tokens`
 * / `output_tokens`, gpt-image models), transcriptions (`usage.type: "tokens"`). Duration-billed
 * answers (`usage.type: "duration"`) carry no tokens.
 */
export function tokenUsageOf(answer: unknown): Usage | undefined {
  const usage = (answer as { usage?: Record<string, unknown> } | null)?.usage;
  if (!usage || typeof usage.input_tokens !== 'number' || usage.type === 'duration') return undefined;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: typeof usage.output_tokens === 'number' ? usage.output_tokens : 0,
  };
}
