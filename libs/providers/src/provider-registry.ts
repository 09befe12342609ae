import type { ProviderKind } from '@verosek/config';
import { AnthropicAdapter } from './anthropic.adapter';
import { GeminiAdapter } from './gemini.adapter';
import { OpenAiAdapter } from './openai.adapter';
import type { Endpoint, ProviderAdapter } from './provider-adapter';

const OPENAI_ENDPOINTS: Endpoint[] = [
  'chat',
  'completions',
  'responses',
  'embeddings',
  'images',
  'audio',
  'moderations',
  'models',
];

/** The one place that lists providers. An OpenAI-compatible server is one entry here. */
const REGISTRY: Record<ProviderKind, ProviderAdapter> = {
  openai: new OpenAiAdapter('openai', new Set(OPENAI_ENDPOINTS)),
  'openai-compatible': new OpenAiAdapter(
    'openai-compatible',
    new Set<Endpoint>(['chat', 'completions', 'embeddings', 'models']),
  ),
  anthropic: new AnthropicAdapter(),
  gemini: new GeminiAdapter(),
};

export function providerFor(kind: ProviderKind): ProviderAdapter {
  return REGISTRY[kind];
}
