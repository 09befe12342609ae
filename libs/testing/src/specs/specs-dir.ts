import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the official specs and recorded fixtures live: `shared/specs` beside the repository
 * (CI clones the repo elsewhere with `shared/` next to it), or `VEROSEK_SPECS_DIR`.
 */
export function specsDir(): string {
  const fromEnv = process.env.VEROSEK_SPECS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  return path.resolve(repoRoot(), '..', 'shared', 'specs');
}

/** Path of a file under the specs directory, e.g. `specPath('openai', 'openapi.json')`. */
export function specPath(...segments: string[]): string {
  return path.join(specsDir(), ...segments);
}

export function readSpecJson<T = unknown>(...segments: string[]): T {
  return JSON.parse(fs.readFileSync(specPath(...segments), 'utf8')) as T;
}

/** The repository root: the nearest ancestor holding nest-cli.json (works from src and dist). */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'nest-cli.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the repository root above ${__dirname}; set VEROSEK_SPECS_DIR`);
    dir = parent;
  }
}
