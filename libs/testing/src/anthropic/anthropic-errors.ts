import type { ScriptedError } from '../fake/answer';
import { base58 } from '../fake/ids';
import { jsonReply, type BodyReply, type Headers } from '../fake/reply';
import { header, type FakeRequest } from '../fake/request';

export const newAnthropicRequestId = () => `req_011C${base58(20)}`;

export function anthropicHeaders(): Headers {
  return {
    'request-id': newAnthropicRequestId(),
    'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
  };
}

/** Error type and message per status, as the API documents them. */
const BY_STATUS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'Not found' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: {
    type: 'rate_limit_error',
    message:
      "This request would exceed your organization's rate limit of 50 requests per minute. Please try again later.",
  },
  500: { type: 'api_error', message: 'Internal server error' },
  504: { type: 'timeout_error', message: 'Request timed out' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The `error` object of an error body or an `event: error` stream event. */
export function anthropicErrorObject(error: ScriptedError): { type: string; message: string } {
  const fallback = BY_STATUS[error.status] ?? BY_STATUS[error.status >= 500 ? 500 : 400];
  return { type: error.type ?? fallback.type, message: error.message ?? fallback.message };
}

export function anthropicErrorReply(error: ScriptedError): BodyReply {
  const requestId = newAnthropicRequestId();
  const headers: Headers = {
    'request-id': requestId,
    'x-should-retry': String(error.status === 429 || error.status >= 500),
  };
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  return jsonReply(
    error.status,
    { type: 'error', error: anthropicErrorObject(error), request_id: requestId },
    headers,
  );
}

export function anthropicInvalidRequestReply(errors: string[]): BodyReply {
  return anthropicErrorReply({ status: 400, message: errors.slice(0, 3).join('; ') });
}

export function anthropicNotFoundReply(): BodyReply {
  return anthropicErrorReply({ status: 404, message: 'Not Found' });
}

/** Versions are dates (`2023-06-01`; SDK 1.x sends newer ones such as `2026-10-21`). */
const VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The key must come in `x-api-key` or, as SDK 1.x sends it, `Authorization: Bearer` (401 otherwise),
 * and `anthropic-version` must be a version date (400).
 */
export function anthropicAuthenticate(request: FakeRequest, apiKey: string): BodyReply | null {
  const key =
    header(request, 'x-api-key') ?? /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
  if (!key) return anthropicErrorReply({ status: 401, message: 'x-api-key header is required' });
  if (key !== apiKey) return anthropicErrorReply({ status: 401, message: 'invalid x-api-key' });
  const version = header(request, 'anthropic-version');
  if (!version) return anthropicErrorReply({ status: 400, message: 'anthropic-version: header is required' });
  if (!VERSION_FORMAT.test(version))
    return anthropicErrorReply({ status: 400, message: `anthropic-version: invalid version "${version}"` });
  return null;
}
