import { evaluate, shieldFailure, type EvaluateResult } from './evaluate';
import type { Direction, ShieldPolicy } from './policy';

const MAX_DEPTH = 64;

export interface EvaluateObjectResult extends Omit<EvaluateResult, 'texts'> {
  /** A copy of the input with its string values redacted; keys are kept as they are. */
  value: unknown;
}

function collectStrings(value: unknown, depth: number, seen: Set<object>, out: string[]): void {
  if (typeof value === 'string') {
    out.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_DEPTH) throw new RangeError(`value is nested deeper than ${MAX_DEPTH} levels`);
  if (seen.has(value)) throw new TypeError('value contains a cycle');
  seen.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value))
    collectStrings(child, depth + 1, seen, out);
  seen.delete(value);
}

function replaceStrings(value: unknown, next: () => string): unknown {
  if (typeof value === 'string') return next();
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((child) => replaceStrings(child, next));
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = replaceStrings(child, next);
  return copy;
}

/**
 * evaluate() over every string value of a JSON-like object (arrays and plain objects, any depth up
 * to 64): tool arguments, structured outputs. Never throws; cycles and excessive depth are failures.
 */
export function evaluateObject(
  value: unknown,
  policy: ShieldPolicy,
  direction: Direction,
): EvaluateObjectResult {
  let strings: string[];
  try {
    strings = [];
    collectStrings(value, 0, new Set(), strings);
  } catch (error) {
    const { texts: _texts, ...failure } = shieldFailure(
      [],
      policy,
      error instanceof Error ? error.message : String(error),
    );
    return { ...failure, value };
  }
  const { texts, ...result } = evaluate(strings, policy, direction);
  if (result.error) return { ...result, value };
  let i = 0;
  return { ...result, value: replaceStrings(value, () => texts[i++]) };
}
