import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The shared specs folder: `<repo>/../shared/specs`, or `VEROSEK_SPECS_DIR`. Test code only. */
export function specsDir(): string {
  return (
    process.env.VEROSEK_SPECS_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'specs')
  );
}

export function specPath(...parts: string[]): string {
  return path.join(specsDir(), ...parts);
}

export function readSpecText(...parts: string[]): string {
  return readFileSync(specPath(...parts), 'utf8');
}

export function readSpecJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readSpecText(...parts)) as T;
}

/** File names in a specs sub-folder ending with `suffix`, sorted; fails loudly when none. */
export function listSpecFiles(folder: string, suffix: string): string[] {
  const names = readdirSync(specPath(folder))
    .filter((name) => name.endsWith(suffix))
    .sort();
  if (names.length === 0) throw new Error(`no ${suffix} fixtures under ${specPath(folder)}`);
  return names;
}
