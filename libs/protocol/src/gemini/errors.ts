import type { ErrorKind, GatewayErrorInfo } from '../canonical';
import type { EncodedError } from '../codec';
import { errorHeaders, kindForStatus } from '../util/error-headers';
import { retryAfterSeconds, type HeaderBag } from '../util/headers';
import { isObject, type WireObject } from '../util/wire-reader';

/** google.rpc.Code names, as the REST error body's `status`. */
const STATUS_BY_KIND: Record<ErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  request_too_large: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  budget_exceeded: 'RESOURCE_EXHAUSTED',
  api_error: 'INTERNAL',
  overloaded: 'UNAVAILABLE',
  unavailable: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
};

const KIND_BY_STATUS: Record<string, ErrorKind> = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  OUT_OF_RANGE: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  INTERNAL: 'api_error',
  UNKNOWN: 'api_error',
  DATA_LOSS: 'api_error',
  UNAVAILABLE: 'unavailable',
  DEADLINE_EXCEEDED: 'timeout',
};

/**
 * Gemini has no 529: an overloaded model answers 503 UNAVAILABLE. Whatever the kind: an upstream
 * may answer 529 with a body that classifies otherwise.
 */
function httpStatusFor(error: GatewayErrorInfo): number {
  return error.status === 529 ? 503 : error.status;
}

export function geminiErrorBody(error: GatewayErrorInfo): WireObject {
  return {
    error: { code: httpStatusFor(error), message: error.message, status: STATUS_BY_KIND[error.kind] },
  };
}

export function encodeGeminiError(error: GatewayErrorInfo): EncodedError {
  return { status: httpStatusFor(error), body: geminiErrorBody(error), headers: errorHeaders(error) };
}

/**
 * Classifies a Gemini error answer by its `error.status` (a google.rpc.Code name), else by HTTP
 * status; the wait comes from `retry-after` or a `google.rpc.RetryInfo` detail.
 */
export function decodeGeminiError(status: number, body: unknown, headers: HeaderBag): GatewayErrorInfo {
  const wire = errorObject(body);
  const rpcStatus = typeof wire?.status === 'string' ? wire.status : undefined;
  const kind = (rpcStatus !== undefined ? KIND_BY_STATUS[rpcStatus] : undefined) ?? kindForStatus(status);
  const message =
    typeof wire?.message === 'string' && wire.message !== ''
      ? wire.message
      : `upstream answered HTTP ${status}`;
  // Gemini answers a bad API key with 400 INVALID_ARGUMENT and an ErrorInfo reason: it is the
  // caller's credentials (here, the gateway's), not the request, that were refused.
  const info: GatewayErrorInfo = hasReason(wire, 'API_KEY_INVALID')
    ? { kind: 'authentication', status: 401, message }
    : { kind, status, message };
  if (rpcStatus !== undefined) info.code = rpcStatus;
  const retry = retryAfterSeconds(headers) ?? retryInfoDelay(wire);
  if (retry !== undefined) info.retryAfterSeconds = retry;
  return info;
}

/** A `{"error": {...}}` object met inside a stream. */
export function decodeGeminiStreamError(wire: WireObject): GatewayErrorInfo {
  const code = typeof wire.code === 'number' ? wire.code : 500;
  return decodeGeminiError(code, { error: wire }, {});
}

/** Errors sometimes arrive wrapped in a one-element array (JSON-array stream framing). */
function errorObject(body: unknown): WireObject | undefined {
  const first = Array.isArray(body) ? body[0] : body;
  return isObject(first) && isObject(first.error) ? first.error : undefined;
}

function hasReason(wire: WireObject | undefined, reason: string): boolean {
  return Array.isArray(wire?.details) && wire.details.some((d) => isObject(d) && d.reason === reason);
}

function retryInfoDelay(wire: WireObject | undefined): number | undefined {
  if (!Array.isArray(wire?.details)) return undefined;
  for (const detail of wire.details) {
    if (
      isObject(detail) &&
      detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo' &&
      typeof detail.retryDelay === 'string'
    ) {
      const seconds = Number.parseFloat(detail.retryDelay);
      if (Number.isFinite(seconds)) return Math.ceil(seconds);
    }
  }
  return undefined;
}
