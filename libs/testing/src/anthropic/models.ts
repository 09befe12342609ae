import { jsonReply } from '../fake/reply';
import type { Route } from '../fake/route';
import { anthropicErrorReply, anthropicHeaders } from './anthropic-errors';

export const DEFAULT_ANTHROPIC_MODELS = [
  'claude-opus-4-5-20251101',
  'claude-sonnet-4-5-20250929',
  'claude-haiku-4-5-20251001',
  'claude-3-5-haiku-20241022',
];

function modelInfo(id: string) {
  const date = /(\d{4})(\d{2})(\d{2})$/.exec(id);
  const family = id.replace(/^claude-/, '').replace(/-\d{8}$/, '');
  return {
    type: 'model',
    id,
    display_name: `Claude ${family.replace(/-/g, ' ')}`,
    created_at: date ? `${date[1]}-${date[2]}-${date[3]}T00:00:00Z` : '2025-01-01T00:00:00Z',
    max_input_tokens: 200000,
    max_tokens: 64000,
  };
}

/** `GET /v1/models` (one page) and `GET /v1/models/{id}`. */
export function modelRoutes(models: string[]): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/models$/,
      body: 'none',
      reply: () =>
        jsonReply(
          200,
          {
            data: models.map(modelInfo),
            has_more: false,
            first_id: models[0] ?? null,
            last_id: models.at(-1) ?? null,
          },
          anthropicHeaders(),
        ),
    },
    {
      method: 'GET',
      path: /^\/v1\/models\/(?<model>[^/]+)$/,
      body: 'none',
      reply: (request) => {
        const id = decodeURIComponent(request.params.model);
        if (models.includes(id)) return jsonReply(200, modelInfo(id), anthropicHeaders());
        return anthropicErrorReply({ status: 404, message: `model: ${id}` });
      },
    },
  ];
}
