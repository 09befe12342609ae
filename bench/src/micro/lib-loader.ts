import { join } from 'node:path';

/** A micro-benchmark's lib (or the part of its API it needs) is not there yet. */
export class Unavailable extends Error {}

/**
 * Loads `libs/<lib>/src/<sub>` at run time, so that a lib that is not written yet makes its
 * micro-benchmark skip instead of stopping the whole bench. Resolves the same way from bench/src (jest)
 * and from dist/bench/src (the build).
 */
export function loadLib(lib: string, sub = ''): Record<string, unknown> {
  const path = join(__dirname, '..', '..', '..', 'libs', lib, 'src', sub);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const what = `@verosek/${lib}${sub ? `/${sub}` : ''}`;
    if (code === 'MODULE_NOT_FOUND') throw new Unavailable(`${what} cannot be loaded (${firstLine(err)})`);
    throw new Unavailable(`${what} failed to load: ${firstLine(err)}`);
  }
}

/** One export of a loaded lib, checked to be a function (class or function); the message names what is missing. */
export function exportOf<T>(module: Record<string, unknown>, lib: string, name: string): T {
  const value = module[name];
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) {
    throw new Unavailable(`@verosek/${lib} has no export \`${name}\``);
  }
  return value as T;
}

function firstLine(err: unknown): string {
  return String((err as Error).message ?? err).split('\n')[0];
}
