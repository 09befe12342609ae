import type { ErrorKind, GatewayErrorInfo } from '../canonical';
import type { EncodedError } from '../codec';
import { errorHeaders, kindForStatus } from '../util/error-headers';
import { retryAfterSeconds, type HeaderBag } from '../util/headers';
import { isObject, type WireObject } from '../util/wire-reader';

const TYPE_BY_KIND: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  budget_exceeded: 'rate_limit_error',
  api_error: 'api_error',
  overloaded: 'overloaded_error',
  unavailable: 'api_error',
  timeout: 'timeout_error',
};

const KIND_BY_TYPE: Record<string, ErrorKind> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  billing_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  api_error: 'api_error',
  overloaded_error: 'overloaded',
  timeout_error: 'timeout',
};

export function anthropicErrorBody(error: GatewayErrorInfo): WireObject {
  return { type: 'error', error: { type: TYPE_BY_KIND[error.kind], message: error.message } };
}

export function encodeAnthropicError(error: GatewayErrorInfo): EncodedError {
  return { status: error.status, body: anthropicErrorBody(error), headers: errorHeaders(error) };
}

/** Classifies an Anthropic error answer by its `error.type`, else by status. */
export function decodeAnthropicError(status: number, body: unknown, headers: HeaderBag): GatewayErrorInfo {
  const wire = isObject(body) && isObject(body.error) ? body.error : undefined;
  const type = typeof wire?.type === 'string' ? wire.type : undefined;
  const kind = (type !== undefined ? KIND_BY_TYPE[type] : undefined) ?? kindForStatus(status);
  const message =
    typeof wire?.message === 'string' && wire.message !== ''
      ? wire.message
      : `upstream answered HTTP ${status}`;
  const info: GatewayErrorInfo = { kind, status, message };
  if (type !== undefined) info.code = type;
  const retry = retryAfterSeconds(headers);
  if (retry !== undefined) info.retryAfterSeconds = retry;
  return info;
}

/** A mid-stream `event: error`: no HTTP status travels with it, so the type decides. */
export function decodeAnthropicStreamError(body: WireObject): GatewayErrorInfo {
  const wire = isObject(body.error) ? body.error : {};
  const type = typeof wire.type === 'string' ? wire.type : 'api_error';
  const kind = KIND_BY_TYPE[type] ?? 'api_error';
  const status =
    kind === 'overloaded' ? 529 : kind === 'rate_limit' ? 429 : kind === 'invalid_request' ? 400 : 500;
  return decodeAnthropicError(status, body, {});
}
