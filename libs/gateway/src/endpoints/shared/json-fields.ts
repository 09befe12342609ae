import { GatewayError } from '@verosek/protocol';

export type JsonBody = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonObject(body: unknown): JsonBody {
  if (!isRecord(body)) throw invalid('body', 'expected a JSON object');
  return body;
}

/** A required non-empty string field. */
export function requiredText(body: JsonBody, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw invalid(field, 'required, a non-empty string');
  return value;
}

/** The `model` field, or the API's default when it has one and the body names none. */
export function modelOf(body: JsonBody, fallback?: string): string {
  if (body.model === undefined && fallback) return fallback;
  return requiredText(body, 'model');
}

export function invalid(field: string, problem: string): GatewayError {
  return GatewayError.invalid(`Invalid '${field}': ${problem}`, field);
}
