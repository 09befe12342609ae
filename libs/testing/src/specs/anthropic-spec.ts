import { lazy } from './lazy';
import { OpenApiDocument, type OperationSchemas } from './openapi-document';
import { relaxRequired } from './relax-required';
import { readSpecJson } from './specs-dir';
import { createAjv, type ValidationResult } from './validation';

type Json = Record<string, unknown>;

/**
 * The Anthropic document twice in one ajv instance: `anthropic` as published (strict: requests,
 * `CreateMessageParams` has `additionalProperties: false`), and `anthropic-relaxed` where nullable
 * or defaulted properties are not required (responses and stream events, as the real API sends them).
 */
const documents = lazy(() => {
  const spec = readSpecJson<Json>('anthropic', 'openapi.json');
  const ajv = createAjv();
  return {
    strict: new OpenApiDocument(ajv, 'anthropic', spec),
    relaxed: new OpenApiDocument(ajv, 'anthropic-relaxed', relaxRequired(spec)),
  };
});

export interface AnthropicStreamEventOptions {
  /** Check against the beta union (`/v1/messages?beta=true` streams). */
  beta?: boolean;
}

export interface AnthropicSpec {
  /** Strict: e.g. `CreateMessageParams`, `BetaCreateMessageParams`, `CountMessageTokensParams`. */
  validateRequest(schemaName: string, body: unknown): ValidationResult;
  /** Relaxed: e.g. `Message`, `BetaMessage`, `CountMessageTokensResponse`, `ErrorResponse`. */
  validateResponse(schemaName: string, body: unknown): ValidationResult;
  /**
   * One SSE event's data: `ping` against `Ping` and `error` against `ErrorResponse` (the document's
   * stream unions lack them), anything else against `MessageStreamEvent` / `BetaMessageStreamEvent`.
   */
  validateStreamEvent(event: unknown, options?: AnthropicStreamEventOptions): ValidationResult;
  /** An error body (`ErrorResponse`, `request_id` optional as in stream `error` events). */
  validateError(body: unknown): ValidationResult;
  /** Schema names of an operation, path as in the document (e.g. `/v1/messages`). */
  operation(method: string, path: string): OperationSchemas;
  schema(name: string): Json;
}

export const anthropicSpec: AnthropicSpec = {
  validateRequest: (name, body) => documents().strict.validate(name, body),
  validateResponse: (name, body) => documents().relaxed.validate(name, body),
  validateStreamEvent: (event, options = {}) =>
    documents().relaxed.validate(streamSchemaFor(event, options), event),
  validateError: (body) => documents().relaxed.validate('ErrorResponse', body),
  operation: (method, path) => documents().strict.operation(method, path),
  schema: (name) => documents().strict.schema(name),
};

function streamSchemaFor(event: unknown, options: AnthropicStreamEventOptions): string {
  const type = typeof event === 'object' && event !== null ? (event as Json).type : undefined;
  if (type === 'ping') return 'Ping';
  if (type === 'error') return 'ErrorResponse';
  return options.beta ? 'BetaMessageStreamEvent' : 'MessageStreamEvent';
}
