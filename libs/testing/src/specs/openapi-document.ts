import type Ajv2020 from 'ajv/dist/2020';
import { runValidator, type ValidationResult } from './validation';

/** Schema names an OpenAPI operation uses, read from the document (null where it declares none). */
export interface OperationSchemas {
  /** Request body schema (JSON, else multipart form). */
  request: string | null;
  /** 200 `application/json` schema. */
  response: string | null;
  /** 200 `text/event-stream` schema: one SSE event's data. */
  streamEvent: string | null;
}

type Json = Record<string, unknown>;

/**
 * One OpenAPI 3.1 document registered in an ajv instance under `id`; validates values against
 * `#/components/schemas/<name>`, compiling each schema on first use.
 */
export class OpenApiDocument {
  constructor(
    private readonly ajv: Ajv2020,
    private readonly id: string,
    private readonly document: Json,
  ) {
    ajv.addSchema(document, id);
  }

  hasSchema(name: string): boolean {
    return name in this.schemas();
  }

  /** The raw component schema (after any in-memory fixes), e.g. to list a schema's properties. */
  schema(name: string): Json {
    const schema = this.schemas()[name];
    if (!schema) throw new Error(`${this.id}: no component schema named ${name}`);
    return schema as Json;
  }

  validate(schemaName: string, value: unknown): ValidationResult {
    if (!this.hasSchema(schemaName)) throw new Error(`${this.id}: no component schema named ${schemaName}`);
    const validate = this.ajv.getSchema(`${this.id}#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`${this.id}: cannot compile ${schemaName}`);
    return runValidator(validate, value);
  }

  /** Schemas of `method path` as the document lists it (path as written there, e.g. `/chat/completions`). */
  operation(method: string, path: string): OperationSchemas {
    const item = (this.document.paths as Record<string, Json | undefined>)[path];
    const op = item?.[method.toLowerCase()] as Json | undefined;
    if (!op) throw new Error(`${this.id}: no operation ${method.toUpperCase()} ${path}`);
    const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
    const ok = ((op.responses as Record<string, Json>)['200']?.content ?? {}) as Record<string, Json>;
    return {
      request: refName(body?.['application/json'] ?? body?.['multipart/form-data']),
      response: refName(ok['application/json']),
      streamEvent: refName(ok['text/event-stream']),
    };
  }

  private schemas(): Record<string, unknown> {
    return (this.document.components as Json).schemas as Record<string, unknown>;
  }
}

function refName(media: Json | undefined): string | null {
  const ref = (media?.schema as Json | undefined)?.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : null;
}
