import type { ScriptedAnswer } from '../fake/answer';
import type { MultipartBody } from '../fake/multipart';
import type { Reply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { Route } from '../fake/route';
import { openaiSpec } from '../specs/openai-spec';
import { readOpenAIMultipart, validateMultipart, field } from './multipart-request';

type Handler = (request: FakeRequest, answer: ScriptedAnswer | undefined) => Reply;

/** A model-call route under `/v1` whose JSON body is checked against a component schema. */
export function jsonModelRoute(path: string, schema: string, reply: Handler): Route {
  return {
    method: 'POST',
    path: new RegExp(`^/v1${path}$`),
    body: 'json',
    validate: (request) => openaiSpec.validateRequest(schema, request.body),
    model: (request) => String((request.body as { model?: unknown }).model ?? ''),
    reply,
  };
}

/** The same for a `multipart/form-data` upload (streamed, never buffered whole). */
export function multipartModelRoute(path: string, schema: string, reply: Handler): Route {
  return {
    method: 'POST',
    path: new RegExp(`^/v1${path}$`),
    body: readOpenAIMultipart,
    validate: (request) => validateMultipart(schema, request.body as MultipartBody),
    model: (request) => field(request.body as MultipartBody, 'model') ?? '',
    reply,
  };
}
