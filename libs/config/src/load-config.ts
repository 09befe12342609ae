import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import type { VerosekConfig } from './config.types';
import { parseConfig } from './parse-config';

/**
 * Reads the YAML config named by VEROSEK_CONFIG (default ./verosek.yaml). A missing default file
 * yields an empty config (no models) so the gateway still boots; a missing named file is an error.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): VerosekConfig {
  const named = env.VEROSEK_CONFIG;
  const file = resolve(named ?? 'verosek.yaml');
  if (!existsSync(file)) {
    if (named) throw new ConfigError(file, '(file)', 'does not exist');
    return parseConfig('', file, env);
  }
  return parseConfig(readFileSync(file, 'utf8'), file, env);
}
