import type { ScriptedError } from '../fake/answer';
import { jsonReply, type BodyReply } from '../fake/reply';
import { header, type FakeRequest } from '../fake/request';

export const GEMINI_JSON = 'application/json; charset=UTF-8';

/** google.rpc.Code name and the API's usual message per HTTP status. */
const BY_STATUS: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: { status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  409: { status: 'ABORTED', message: 'The operation was aborted.' },
  413: { status: 'INVALID_ARGUMENT', message: 'Request payload size exceeds the limit.' },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message: 'You exceeded your current quota, please check your plan and billing details.',
  },
  499: { status: 'CANCELLED', message: 'The operation was cancelled.' },
  500: {
    status: 'INTERNAL',
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  501: { status: 'UNIMPLEMENTED', message: 'Method not implemented.' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'The request timed out. Please try again.' },
};

type Detail = Record<string, unknown> & { '@type': string };

/** The REST error body: google.rpc.Status with `status` as a code name; `retryAfter` becomes RetryInfo. */
export function geminiErrorBody(
  error: ScriptedError,
  details: Detail[] = [],
): { error: Record<string, unknown> } {
  const fallback = BY_STATUS[error.status] ?? BY_STATUS[error.status >= 500 ? 500 : 400];
  const all = [...details];
  if (error.retryAfter !== undefined) {
    all.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` });
  }
  return {
    error: {
      code: error.status,
      message: error.message ?? fallback.message,
      status: error.type ?? fallback.status,
      ...(all.length > 0 && { details: all }),
    },
  };
}

export function geminiErrorReply(error: ScriptedError, details: Detail[] = []): BodyReply {
  return jsonReply(error.status, geminiErrorBody(error, details), { 'content-type': GEMINI_JSON });
}

/** 400 INVALID_ARGUMENT with a BadRequest detail listing each violation's field. */
export function geminiInvalidRequestReply(errors: string[]): BodyReply {
  const fieldViolations = errors.slice(0, 10).map((e) => {
    const [path, ...rest] = e.split(' ');
    return {
      field: path.startsWith('/') ? path.slice(1).replace(/\//g, '.') : '',
      description: rest.join(' '),
    };
  });
  return geminiErrorReply(
    { status: 400, message: `Invalid JSON payload received. ${errors.slice(0, 3).join('; ')}` },
    [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations }],
  );
}

export function geminiNotFoundReply(method: string, path: string): BodyReply {
  return geminiErrorReply({ status: 404, message: `Method not found: ${method} ${path}` });
}

/**
 * The key comes as `x-goog-api-key` or `?key=`. As the live API answers: no key is 403
 * PERMISSION_DENIED, a wrong key is 400 INVALID_ARGUMENT with ErrorInfo reason API_KEY_INVALID.
 */
export function geminiAuthenticate(request: FakeRequest, apiKey: string): BodyReply | null {
  const key = header(request, 'x-goog-api-key') ?? request.query.get('key') ?? undefined;
  if (key === apiKey) return null;
  if (!key) {
    return geminiErrorReply({
      status: 403,
      message:
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    });
  }
  return geminiErrorReply({ status: 400, message: 'API key not valid. Please pass a valid API key.' }, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ]);
}
