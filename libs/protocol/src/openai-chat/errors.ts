import type { ErrorKind, GatewayErrorInfo } from '../canonical';
import type { EncodedError } from '../codec';
import { errorHeaders, kindForStatus } from '../util/error-headers';
import { retryAfterSeconds, type HeaderBag } from '../util/headers';
import { isObject, type WireObject } from '../util/wire-reader';

/** `error.type` the real API uses per kind (the SDK picks its exception class from the status). */
const TYPE_BY_KIND: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'invalid_request_error',
  rate_limit: 'requests',
  budget_exceeded: 'insufficient_quota',
  api_error: 'server_error',
  overloaded: 'server_error',
  unavailable: 'server_error',
  timeout: 'server_error',
};

/**
 * OpenAI has no 529: overload is a 503 there, as the real API answers it. Whatever the kind: an
 * upstream may answer 529 with a body that classifies otherwise (Gemini `UNAVAILABLE`).
 */
function statusFor(error: GatewayErrorInfo): number {
  return error.status === 529 ? 503 : error.status;
}

export function openAIErrorBody(error: GatewayErrorInfo): WireObject {
  const code =
    error.code ??
    (error.kind === 'rate_limit'
      ? 'rate_limit_exceeded'
      : error.kind === 'budget_exceeded'
        ? 'insufficient_quota'
        : null);
  return {
    error: { message: error.message, type: TYPE_BY_KIND[error.kind], param: error.param ?? null, code },
  };
}

export function encodeOpenAIError(error: GatewayErrorInfo): EncodedError {
  return { status: statusFor(error), body: openAIErrorBody(error), headers: errorHeaders(error) };
}

/** Classifies an OpenAI error answer by status and the body's `type` / `code`. */
export function decodeOpenAIError(status: number, body: unknown, headers: HeaderBag): GatewayErrorInfo {
  const wire = isObject(body) && isObject(body.error) ? body.error : undefined;
  const type = typeof wire?.type === 'string' ? wire.type : undefined;
  const code = typeof wire?.code === 'string' ? wire.code : undefined;
  let kind = kindForStatus(status);
  if (status === 429 && (type === 'insufficient_quota' || code === 'insufficient_quota')) kind = 'rate_limit';
  else if (type === 'server_error' && status < 500) kind = 'api_error';
  const info: GatewayErrorInfo = { kind, status, message: messageOf(wire, status) };
  if (code !== undefined) info.code = code;
  if (typeof wire?.param === 'string') info.param = wire.param;
  const retry = retryAfterSeconds(headers);
  if (retry !== undefined) info.retryAfterSeconds = retry;
  return info;
}

/** A mid-stream `data: {"error": {...}}` event (no HTTP status: the stream already started). */
export function decodeOpenAIStreamError(wire: WireObject): GatewayErrorInfo {
  const info = decodeOpenAIError(500, { error: wire }, {});
  const type = typeof wire.type === 'string' ? wire.type : '';
  if (type === 'invalid_request_error') return { ...info, kind: 'invalid_request', status: 400 };
  if (type === 'requests' || type === 'tokens' || type === 'rate_limit_exceeded')
    return { ...info, kind: 'rate_limit', status: 429 };
  return info;
}

function messageOf(wire: WireObject | undefined, status: number): string {
  return typeof wire?.message === 'string' && wire.message !== ''
    ? wire.message
    : `upstream answered HTTP ${status}`;
}
