export type HeaderBag = Record<string, string | string[] | undefined>;

/** A header's value, looked up case-insensitively; the first one when repeated. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Seconds to wait, from `retry-after-ms`, `retry-after` (delta-seconds or an HTTP date), as the
 * OpenAI and Anthropic SDKs read them. `now` is injectable for tests.
 */
export function retryAfterSeconds(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms !== undefined) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value / 1000);
  }
  const raw = headerValue(headers, 'retry-after');
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds) : undefined;
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
