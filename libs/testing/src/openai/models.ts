import { jsonReply } from '../fake/reply';
import type { Route } from '../fake/route';
import { openaiErrorReply, openaiHeaders } from './openai-errors';

export const DEFAULT_OPENAI_MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'o3-mini',
  'o4-mini',
  'gpt-3.5-turbo-instruct',
  'text-embedding-3-small',
  'text-embedding-3-large',
  'gpt-image-1',
  'dall-e-2',
  'tts-1',
  'whisper-1',
  'omni-moderation-latest',
];

const CREATED = 1715367049;

function model(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'system' };
}

/** `GET /v1/models` and `GET /v1/models/{model}` (404 `model_not_found` for others). */
export function modelRoutes(models: string[]): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/models$/,
      body: 'none',
      reply: () => jsonReply(200, { object: 'list', data: models.map(model) }, openaiHeaders()),
    },
    {
      method: 'GET',
      path: /^\/v1\/models\/(?<model>.+)$/,
      body: 'none',
      reply: (request) => {
        const id = decodeURIComponent(request.params.model);
        if (models.includes(id)) return jsonReply(200, model(id), openaiHeaders());
        return openaiErrorReply(
          { status: 404, message: `The model '${id}' does not exist`, code: 'model_not_found' },
          'model',
        );
      },
    },
  ];
}
