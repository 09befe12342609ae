import type { ModelGroupConfig } from '@verosek/config';
import type { Surface } from '../surface/surface';

/** `GET /v1/models` (OpenAI, Anthropic) and `GET /v1beta/models` (Gemini), each in its own format. */
export function listModels(surface: Surface, groups: ModelGroupConfig[], createdAt: Date): unknown {
  const created = Math.floor(createdAt.getTime() / 1000);
  switch (surface) {
    case 'anthropic-messages':
      return {
        data: groups.map((g) => ({
          type: 'model',
          id: g.name,
          display_name: g.name,
          created_at: createdAt.toISOString(),
        })),
        has_more: false,
        first_id: groups[0]?.name ?? null,
        last_id: groups.at(-1)?.name ?? null,
      };
    case 'gemini':
      return {
        models: groups.map((g) => ({
          name: `models/${g.name}`,
          baseModelId: g.name,
          version: '001',
          displayName: g.name,
          supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
        })),
      };
    default:
      return {
        object: 'list',
        data: groups.map((g) => ({ id: g.name, object: 'model', created, owned_by: 'verosek' })),
      };
  }
}
