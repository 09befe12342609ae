import type { MultipartBody } from '../fake/multipart';
import { multipartReader } from '../fake/multipart';
import { openaiSpec } from '../specs/openai-spec';
import type { ValidationResult } from '../specs/validation';

/** Upload limits of the real API: 25 MB audio, 50 MB images (50 MB covers both here). */
export const readOpenAIMultipart = multipartReader({ fileBytes: 50 * 1024 * 1024, files: 16, fields: 64 });

type Schema = Record<string, unknown>;

/**
 * Checks a multipart body against its JSON schema: text fields are typed as the schema's
 * properties say (`n=2` -> 2), each file stands in as a string (`format: binary`).
 */
export function validateMultipart(schemaName: string, body: MultipartBody): ValidationResult {
  const properties = (openaiSpec.schema(schemaName).properties ?? {}) as Record<string, Schema>;
  const value: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(body.fields)) value[name] = coerce(raw, typesOf(properties[name]));
  for (const file of body.files) {
    const placeholder = `<file ${file.filename}>`;
    const types = typesOf(properties[file.field]);
    const existing = value[file.field];
    if (existing !== undefined)
      value[file.field] = [...(Array.isArray(existing) ? existing : [existing]), placeholder];
    else value[file.field] = types.has('string') || !types.has('array') ? placeholder : [placeholder];
  }
  return openaiSpec.validateRequest(schemaName, value);
}

function coerce(raw: string | string[], types: Set<string>): unknown {
  if (Array.isArray(raw)) return raw;
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (types.has('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.has('array') && !types.has('string')) return [raw];
  return raw;
}

/** JSON types a property allows, through `$ref`, `anyOf`, `oneOf` and `allOf`. */
function typesOf(schema: Schema | undefined, depth = 0): Set<string> {
  const types = new Set<string>();
  if (!schema || depth > 5) return types;
  if (typeof schema.type === 'string') types.add(schema.type);
  if (Array.isArray(schema.type)) schema.type.forEach((t) => types.add(t as string));
  if (typeof schema.$ref === 'string')
    typesOf(openaiSpec.schema(schema.$ref.split('/').pop()!), depth + 1).forEach((t) => types.add(t));
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[key] as Schema[] | undefined) ?? [])
      typesOf(branch, depth + 1).forEach((t) => types.add(t));
  }
  return types;
}

export function field(body: MultipartBody, name: string): string | undefined {
  const value = body.fields[name];
  return Array.isArray(value) ? value[0] : value;
}
