import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root: the nearest ancestor of this file holding libs/shield/models. Works from
 * the sources (libs/shield/src/...) and from the build (dist/libs/shield/src/...), since the build
 * does not copy the JSON models. VEROSEK_SHIELD_DIR overrides it with the libs/shield folder itself.
 */
export function shieldDir(): string {
  const override = process.env.VEROSEK_SHIELD_DIR;
  if (override) return path.resolve(override);
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'libs', 'shield');
    if (existsSync(path.join(candidate, 'models'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('libs/shield/models not found above ' + __dirname + ' (set VEROSEK_SHIELD_DIR)');
    dir = parent;
  }
}

/** The shared evaluation corpora, `../shared/corpora` beside the repository, if present. */
export function sharedCorporaDir(): string | undefined {
  const dir = path.resolve(shieldDir(), '..', '..', '..', 'shared', 'corpora');
  return existsSync(dir) ? dir : undefined;
}
