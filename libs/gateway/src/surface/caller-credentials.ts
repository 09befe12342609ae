type HeaderBag = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's key, wherever its SDK put it: `Authorization: Bearer` (OpenAI, current Anthropic
 * SDKs), `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
 */
export function callerKeyOf(
  headers: HeaderBag,
  query: Record<string, unknown> | undefined,
): string | undefined {
  const authorization = first(headers.authorization);
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1].trim();
  }
  const key = first(headers['x-api-key']) ?? first(headers['x-goog-api-key']);
  if (key) return key.trim();
  const fromQuery = query?.key;
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : undefined;
}
