import { lazy } from './lazy';
import { normalizeNullable } from './nullable';
import { OpenApiDocument, type OperationSchemas } from './openapi-document';
import { readSpecJson } from './specs-dir';
import { createAjv, type ValidationResult } from './validation';

type Json = Record<string, unknown>;

/**
 * The OpenAI OpenAPI document (`openai/openapi.json`), normalized for ajv: `nullable` rewritten,
 * and base64 embeddings allowed (the document types `Embedding.embedding` as an array only, but
 * `encoding_format: "base64"` really answers with a string).
 */
const document = lazy(() => {
  const spec = readSpecJson<Json>('openai', 'openapi.json');
  normalizeNullable(spec);
  allowBase64Embedding(spec);
  return new OpenApiDocument(createAjv(), 'openai', spec);
});

function allowBase64Embedding(spec: Json): void {
  const embedding = ((spec.components as Json).schemas as Record<string, Json>).Embedding;
  const properties = embedding.properties as Record<string, unknown>;
  properties.embedding = {
    anyOf: [properties.embedding, { type: 'string', description: 'base64 of float32 values' }],
  };
}

export interface OpenAISpec {
  /** A request body against a component schema, e.g. `CreateChatCompletionRequest`. */
  validateRequest(schemaName: string, body: unknown): ValidationResult;
  /** A non-stream response body, e.g. `CreateChatCompletionResponse`. */
  validateResponse(schemaName: string, body: unknown): ValidationResult;
  /** One SSE `data:` JSON (not `[DONE]`); defaults to the chat chunk schema. */
  validateStreamChunk(chunk: unknown, schemaName?: string): ValidationResult;
  /** An error body (`ErrorResponse`; the document gives its 4xx/5xx answers no schema). */
  validateError(body: unknown): ValidationResult;
  /** Schema names of an operation, path as in the document (without `/v1`). */
  operation(method: string, path: string): OperationSchemas;
  /** The raw component schema, e.g. to compare a body's keys with `properties`. */
  schema(name: string): Json;
}

export const openaiSpec: OpenAISpec = {
  validateRequest: (name, body) => document().validate(name, body),
  validateResponse: (name, body) => document().validate(name, body),
  validateStreamChunk: (chunk, name = 'CreateChatCompletionStreamResponse') =>
    document().validate(name, chunk),
  validateError: (body) => document().validate('ErrorResponse', body),
  operation: (method, path) => document().operation(method, path),
  schema: (name) => document().schema(name),
};
