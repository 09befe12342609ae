import type { ProviderKind } from './config.types';

/** Public endpoints used when a deployment names no api_base. openai-compatible has none. */
export const DEFAULT_API_BASE: Record<ProviderKind, string | undefined> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
  'openai-compatible': undefined,
};
