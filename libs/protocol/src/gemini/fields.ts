import type { WireObject } from '../util/wire-reader';

const snakeCache = new Map<string, string>();

function snakeOf(camel: string): string {
  let snake = snakeCache.get(camel);
  if (snake === undefined) {
    snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeCache.set(camel, snake);
  }
  return snake;
}

/**
 * A field of a Gemini JSON object by its lowerCamelCase name, falling back to the proto's
 * snake_case name (the proto3 JSON mapping says parsers accept both).
 */
export function field(obj: WireObject, camel: string): unknown {
  const value = obj[camel];
  return value !== undefined ? value : obj[snakeOf(camel)];
}

/** The camelCase name of a key that may be written either way. */
export function camelOf(key: string): string {
  return key.indexOf('_') === -1 ? key : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
