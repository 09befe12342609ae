import { GatewayError } from '@verosek/protocol';

type Body = Record<string, unknown>;

export function requireObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('body', 'expected a JSON object');
  return body as Body;
}

export function requireModel(body: Body): string {
  if (typeof body.model !== 'string' || body.model === '') throw invalid('model', 'required');
  return body.model;
}

export function optionalFlag(body: Body, field: string): boolean {
  const value = body[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalid(field, 'expected a boolean');
  return value;
}

export function optionalCount(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw invalid(field, 'expected a positive integer');
  return value;
}

export function invalid(field: string, problem: string): GatewayError {
  return GatewayError.invalid(`Invalid '${field}': ${problem}`, field);
}
