import type { GatewayErrorInfo } from '../canonical';

/**
 * Response headers every format's error answer carries: `retry-after` when known, and
 * `x-should-retry: false` (honoured by the OpenAI and Anthropic SDKs) where a retry cannot help.
 */
export function errorHeaders(error: GatewayErrorInfo): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfterSeconds)));
  if (!isRetryable(error)) headers['x-should-retry'] = 'false';
  return headers;
}

function isRetryable(error: GatewayErrorInfo): boolean {
  if (error.kind === 'budget_exceeded') return false;
  if (error.kind === 'rate_limit') return true;
  return !(error.status >= 400 && error.status < 500);
}

/** The kind an upstream status means when the body names nothing more specific. */
export function kindForStatus(status: number): GatewayErrorInfo['kind'] {
  switch (status) {
    case 400:
    case 422:
      return 'invalid_request';
    case 401:
      return 'authentication';
    case 402:
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
    case 504:
      return 'timeout';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit';
    case 502:
    case 503:
      return 'unavailable';
    case 529:
      return 'overloaded';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request';
  }
}
