import type { ScriptedError } from '../fake/answer';
import { hex } from '../fake/ids';
import { jsonReply, type BodyReply, type Headers } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import { header } from '../fake/request';

/** Headers OpenAI puts on every answer. */
export function openaiHeaders(): Headers {
  return { 'x-request-id': `req_${hex(32)}`, 'openai-version': '2020-10-01', 'openai-processing-ms': '1' };
}

interface OpenAIErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Defaults per status, in the words the real API uses. */
const BY_STATUS: Record<number, Omit<OpenAIErrorObject, 'param'>> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: {
    type: 'invalid_request_error',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist or you do not have access to it.',
  },
  413: { type: 'invalid_request_error', code: null, message: 'Request too large.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message:
      'Rate limit reached for requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

export function openaiErrorObject(error: ScriptedError, param: string | null = null): OpenAIErrorObject {
  const fallback = BY_STATUS[error.status] ?? BY_STATUS[error.status >= 500 ? 500 : 400];
  return {
    message: error.message ?? fallback.message,
    type: error.type ?? fallback.type,
    param,
    code: error.code !== undefined ? error.code : fallback.code,
  };
}

export function openaiErrorReply(error: ScriptedError, param: string | null = null): BodyReply {
  const headers: Headers = openaiHeaders();
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  if (error.status === 429) headers['x-ratelimit-remaining-requests'] = '0';
  return jsonReply(error.status, { error: openaiErrorObject(error, param) }, headers);
}

/** 400 naming the first offending field (`messages[0].role`) as `param`, as the API does. */
export function openaiInvalidRequestReply(errors: string[]): BodyReply {
  const message = `Invalid request body: ${errors.slice(0, 3).join('; ')}`;
  return openaiErrorReply({ status: 400, message, code: 'invalid_value' }, paramOf(errors[0]));
}

function paramOf(error: string | undefined): string | null {
  const path = error?.split(' ')[0];
  if (!path?.startsWith('/')) return null;
  return path
    .slice(1)
    .split('/')
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

export function openaiNotFoundReply(method: string, path: string): BodyReply {
  return openaiErrorReply({ status: 404, message: `Invalid URL (${method} ${path})`, code: null });
}

/** `Authorization: Bearer <key>` must carry the fake's key. */
export function openaiAuthenticate(request: FakeRequest, apiKey: string): BodyReply | null {
  const authorization = header(request, 'authorization');
  if (!authorization) {
    return openaiErrorReply({
      status: 401,
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      code: null,
    });
  }
  const key = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
  if (key === apiKey) return null;
  const shown = key ? `${key.slice(0, 3)}***${key.slice(-4)}` : authorization;
  return openaiErrorReply({
    status: 401,
    message: `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  });
}
