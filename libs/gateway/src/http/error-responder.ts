import type { GatewayErrorInfo } from '@verosek/protocol';
import { codecFor, GatewayError } from '@verosek/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { surfaceOf } from '../surface/surface';

interface HttpLikeError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  getStatus?: () => number;
  getResponse?: () => unknown;
}

const KIND_BY_STATUS: Record<number, GatewayErrorInfo['kind']> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  405: 'invalid_request',
  413: 'request_too_large',
  415: 'invalid_request',
  429: 'rate_limit',
  503: 'unavailable',
};

/** Anything thrown on the way to an answer, as a classified error. Unknown errors never leak details. */
export function errorInfoOf(err: unknown): GatewayErrorInfo {
  if (err instanceof GatewayError) return err.info;
  const info = (err as { info?: GatewayErrorInfo }).info;
  if (info && typeof info.kind === 'string') return info;
  const e = err as HttpLikeError;
  const status = e.getStatus?.() ?? e.statusCode ?? e.status;
  if (typeof status === 'number' && status >= 400 && (status < 500 || status === 503)) {
    return {
      kind: KIND_BY_STATUS[status] ?? 'invalid_request',
      status,
      message: messageOf(e),
      code: fastifyCode(e.code),
    };
  }
  return {
    kind: 'api_error',
    status: 500,
    message: 'The gateway failed to handle the request.',
    code: 'internal_error',
  };
}

function messageOf(e: HttpLikeError): string {
  const response = e.getResponse?.();
  if (response && typeof response === 'object' && 'message' in response) {
    const message = (response as { message: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return e.message ?? 'Bad request';
}

function fastifyCode(code: string | undefined): string | undefined {
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'request_too_large';
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return 'invalid_json';
  return undefined;
}

/** Answers an error in the error format of the SDK the caller used, with the right status. */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): void {
  const info = errorInfoOf(err);
  if (info.status >= 500 && !(err instanceof GatewayError) && !(err as { info?: unknown }).info) {
    req.log.error({ err, requestId: req.id }, 'unhandled error');
  }
  const encoded = codecFor(surfaceOf(req.url, req.headers)).encodeError(info);
  if (reply.sent || reply.raw.headersSent) return;
  reply.status(encoded.status).headers(encoded.headers).send(encoded.body);
}
