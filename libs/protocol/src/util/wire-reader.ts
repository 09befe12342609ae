import { GatewayError } from '../gateway-error';

/**
 * Small readers for untrusted request bodies: each returns the typed value or throws
 * GatewayError(invalid_request) naming the field path, so bad input never crashes a codec.
 */
export type WireObject = Record<string, unknown>;

export function invalidField(field: string, problem: string): GatewayError {
  return GatewayError.invalid(`Invalid '${field}': ${problem}`, field);
}

export function unsupportedField(field: string, why: string): GatewayError {
  return GatewayError.invalid(`Unsupported '${field}': ${why}`, field, 'unsupported_parameter');
}

export function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, field: string): WireObject {
  if (!isObject(value)) throw invalidField(field, 'expected an object');
  return value;
}

export function asArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw invalidField(field, 'expected an array');
  return value;
}

export function asString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalidField(field, 'expected a string');
  return value;
}

export function optString(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : asString(value, field);
}

export function optNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(field, 'expected a number');
  return value;
}

export function optInteger(value: unknown, field: string): number | undefined {
  const n = optNumber(value, field);
  if (n !== undefined && !Number.isInteger(n)) throw invalidField(field, 'expected an integer');
  return n;
}

export function optBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidField(field, 'expected a boolean');
  return value;
}

export function optObject(value: unknown, field: string): WireObject | undefined {
  return value === undefined || value === null ? undefined : asObject(value, field);
}

/** `stop` style fields: a string or an array of strings. */
export function optStringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  const list = asArray(value, field);
  for (let i = 0; i < list.length; i++) asString(list[i], `${field}[${i}]`);
  return list as string[];
}

/** Parses tool-call argument text into the object a format that carries arguments as JSON needs. */
export function parseArgumentsObject(text: string, field: string): WireObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidField(field, 'tool call arguments are not valid JSON');
  }
  if (!isObject(parsed)) throw invalidField(field, 'tool call arguments must be a JSON object');
  return parsed;
}
