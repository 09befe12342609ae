import { readdirSync, readFileSync } from 'node:fs';
import { readSpecJson, specPath } from '@verosek/testing/specs';

export { readSpecJson, specPath };

export function readSpecText(...parts: string[]): string {
  return readFileSync(specPath(...parts), 'utf8');
}

/** File names in a specs sub-folder ending with `suffix`, sorted; fails loudly when none. */
export function listSpecFiles(folder: string, suffix: string): string[] {
  const names = readdirSync(specPath(folder))
    .filter((name) => name.endsWith(suffix))
    .sort();
  if (names.length === 0) throw new Error(`no ${suffix} fixtures under ${specPath(folder)}`);
  return names;
}
