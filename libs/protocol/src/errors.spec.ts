import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { anthropicSpec, geminiSpec, openaiSpec } from '@verosek/testing/specs';
import type { ErrorKind, GatewayErrorInfo } from './canonical';
import type { WireFormat } from './codec';
import { codecFor } from './codecs';
import { GatewayError } from './gateway-error';

const KINDS: ErrorKind[] = [
  'invalid_request',
  'authentication',
  'permission',
  'not_found',
  'request_too_large',
  'rate_limit',
  'budget_exceeded',
  'api_error',
  'overloaded',
  'unavailable',
  'timeout',
];

function infoOf(kind: ErrorKind, extra: Partial<GatewayErrorInfo> = {}): GatewayErrorInfo {
  return { ...new GatewayError(kind, `a ${kind} error`).info, ...extra };
}

describe('encodeError', () => {
  const expected: Record<ErrorKind, [number, string, number, string, number, string]> = {
    // kind: OpenAI status/type, Anthropic status/type, Gemini status/status name
    invalid_request: [400, 'invalid_request_error', 400, 'invalid_request_error', 400, 'INVALID_ARGUMENT'],
    authentication: [401, 'authentication_error', 401, 'authentication_error', 401, 'UNAUTHENTICATED'],
    permission: [403, 'permission_error', 403, 'permission_error', 403, 'PERMISSION_DENIED'],
    not_found: [404, 'not_found_error', 404, 'not_found_error', 404, 'NOT_FOUND'],
    request_too_large: [413, 'invalid_request_error', 413, 'request_too_large', 413, 'INVALID_ARGUMENT'],
    rate_limit: [429, 'requests', 429, 'rate_limit_error', 429, 'RESOURCE_EXHAUSTED'],
    budget_exceeded: [429, 'insufficient_quota', 429, 'rate_limit_error', 429, 'RESOURCE_EXHAUSTED'],
    api_error: [500, 'server_error', 500, 'api_error', 500, 'INTERNAL'],
    overloaded: [503, 'server_error', 529, 'overloaded_error', 503, 'UNAVAILABLE'],
    unavailable: [503, 'server_error', 503, 'api_error', 503, 'UNAVAILABLE'],
    timeout: [504, 'server_error', 504, 'timeout_error', 504, 'DEADLINE_EXCEEDED'],
  };

  it.each(KINDS)('%s: status and type names per format, bodies valid against each spec', (kind) => {
    const [oStatus, oType, aStatus, aType, gStatus, gName] = expected[kind];
    const info = infoOf(kind, { param: 'messages' });
    const openai = codecFor('openai-chat').encodeError(info);
    expect(openai.status).toBe(oStatus);
    expect(openai.body).toMatchObject({
      error: { message: `a ${kind} error`, type: oType, param: 'messages' },
    });
    expect(openaiSpec.validateError(openai.body).errors).toEqual([]);
    const anthropic = codecFor('anthropic-messages').encodeError(info);
    expect(anthropic).toMatchObject({
      status: aStatus,
      body: { type: 'error', error: { type: aType, message: `a ${kind} error` } },
    });
    if (aType !== 'request_too_large') expect(anthropicSpec.validateError(anthropic.body).errors).toEqual([]);
    const gemini = codecFor('gemini').encodeError(info);
    expect(gemini).toMatchObject({
      status: gStatus,
      body: { error: { code: gStatus, message: `a ${kind} error`, status: gName } },
    });
    expect(geminiSpec.validateError(gemini.body).errors).toEqual([]);
  });

  it.each([
    ['openai-chat', 503],
    ['anthropic-messages', 529],
    ['gemini', 503],
  ] as Array<[WireFormat, number]>)('%s: an upstream 529 of another kind answers %i', (format, status) => {
    // A 529 whose body classifies as `unavailable` (Gemini UNAVAILABLE): formats without 529 say 503.
    const encoded = codecFor(format).encodeError(infoOf('unavailable', { status: 529 }));
    expect(encoded.status).toBe(status);
  });

  it.each(['openai-chat', 'anthropic-messages', 'gemini'] as WireFormat[])(
    '%s: retry-after and x-should-retry headers',
    (format) => {
      const codec = codecFor(format);
      expect(codec.encodeError(infoOf('rate_limit', { retryAfterSeconds: 2.2 })).headers).toEqual({
        'content-type': 'application/json',
        'retry-after': '3',
      });
      expect(codec.encodeError(infoOf('budget_exceeded')).headers['x-should-retry']).toBe('false');
      expect(codec.encodeError(infoOf('invalid_request')).headers['x-should-retry']).toBe('false');
      expect(codec.encodeError(infoOf('overloaded')).headers['x-should-retry']).toBeUndefined();
    },
  );
});

describe('encoded errors make each SDK raise its own typed exception', () => {
  const answer = (format: WireFormat, info: GatewayErrorInfo) => {
    const encoded = codecFor(format).encodeError(info);
    return (async () =>
      new Response(JSON.stringify(encoded.body), {
        status: encoded.status,
        headers: encoded.headers,
      })) as typeof fetch;
  };

  it('openai', async () => {
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: 'http://gw.test/v1',
      fetch: answer('openai-chat', infoOf('budget_exceeded', { code: 'budget_exceeded' })),
      maxRetries: 0,
    });
    const error = await client.chat.completions.create({ model: 'm', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'budget_exceeded', type: 'insufficient_quota' });
  });

  it('anthropic', async () => {
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: 'http://gw.test',
      fetch: answer('anthropic-messages', infoOf('overloaded')),
      maxRetries: 0,
    });
    const error = await client.messages
      .create({ model: 'm', max_tokens: 1, messages: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('gemini', async () => {
    const spy = jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation(answer('gemini', infoOf('not_found', { message: 'no such model' })));
    try {
      const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gw.test' } });
      const error = await ai.models.generateContent({ model: 'm', contents: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404 });
      expect((error as Error).message).toContain('no such model');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('decodeError classifies by status and the body type, never by the message', () => {
  it('openai', () => {
    const decode = codecFor('openai-chat').decodeError;
    expect(
      decode(
        429,
        {
          error: {
            message: 'Rate limit reached',
            type: 'requests',
            code: 'rate_limit_exceeded',
            param: null,
          },
        },
        { 'retry-after': '7' },
      ),
    ).toEqual({
      kind: 'rate_limit',
      status: 429,
      message: 'Rate limit reached',
      code: 'rate_limit_exceeded',
      retryAfterSeconds: 7,
    });
    expect(
      decode(
        401,
        { error: { message: 'invalid api key', type: 'invalid_request_error', code: 'invalid_api_key' } },
        {},
      ).kind,
    ).toBe('authentication');
    expect(
      decode(
        404,
        { error: { message: 'overloaded', type: 'invalid_request_error', code: 'model_not_found' } },
        {},
      ).kind,
    ).toBe('not_found');
    expect(decode(503, 'upstream connect error', {})).toMatchObject({
      kind: 'unavailable',
      message: 'upstream answered HTTP 503',
    });
    expect(decode(429, {}, { 'retry-after-ms': '1500' }).retryAfterSeconds).toBe(2);
  });

  it('anthropic: the error type wins over the status', () => {
    const decode = codecFor('anthropic-messages').decodeError;
    expect(
      decode(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, {}),
    ).toMatchObject({ kind: 'overloaded', code: 'overloaded_error' });
    expect(
      decode(400, { type: 'error', error: { type: 'request_too_large', message: 'big' } }, {}).kind,
    ).toBe('request_too_large');
    expect(decode(402, { type: 'error', error: { type: 'billing_error', message: 'pay' } }, {}).kind).toBe(
      'permission',
    );
    const date = new Date(Date.now() + 30_000).toUTCString();
    const retry = decode(
      429,
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      { 'Retry-After': date },
    ).retryAfterSeconds!;
    expect(retry).toBeGreaterThanOrEqual(29);
    expect(retry).toBeLessThanOrEqual(31);
  });

  it('gemini: the google.rpc status wins; RetryInfo gives the wait', () => {
    const decode = codecFor('gemini').decodeError;
    const body = {
      error: {
        code: 429,
        message: 'Quota exceeded',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' }],
      },
    };
    expect(decode(429, body, {})).toEqual({
      kind: 'rate_limit',
      status: 429,
      message: 'Quota exceeded',
      code: 'RESOURCE_EXHAUSTED',
      retryAfterSeconds: 41,
    });
    expect(
      decode(503, { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }, {})
        .kind,
    ).toBe('unavailable');
    expect(
      decode(400, [{ error: { code: 400, message: 'bad', status: 'FAILED_PRECONDITION' } }], {}).kind,
    ).toBe('invalid_request');
    expect(decode(504, {}, {}).kind).toBe('timeout');
  });
});
