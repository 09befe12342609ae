import type { CanonicalRequest } from '@verosek/protocol';

/**
 * The texts of a non-chat call (a prompt, embedding inputs, an image prompt...) as a canonical
 * request: one user message with a text part each. It is what the Shield inspects (and redacts in
 * place) and what admission estimates the input tokens of.
 */
export function textRequest(
  model: string,
  texts: string[],
  stream: boolean,
  maxOutputTokens: number,
): CanonicalRequest {
  return {
    model,
    system: [],
    messages: [{ role: 'user', content: texts.map((text) => ({ type: 'text' as const, text })) }],
    stream,
    maxTokens: maxOutputTokens,
  };
}

/** The (possibly redacted) texts back out of a request built by `textRequest`, in order. */
export function textsOf(request: CanonicalRequest): string[] {
  return request.messages[0].content.map((part) => (part.type === 'text' ? part.text : ''));
}
