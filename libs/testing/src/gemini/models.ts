import { jsonReply } from '../fake/reply';
import type { Route } from '../fake/route';
import { GEMINI_JSON, geminiErrorReply } from './gemini-errors';

export const DEFAULT_GEMINI_MODELS = [
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.0-flash',
  'gemini-embedding-001',
  'gemini-2.5-flash-image',
  'imagen-4.0-generate-001',
];

function identity(id: string) {
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
    description: `Fake ${id}`,
  };
}

function model(id: string) {
  if (id.startsWith('imagen')) return imagenModel(id);
  const embedding = id.includes('embedding');
  return {
    ...identity(id),
    inputTokenLimit: embedding ? 2048 : 1048576,
    outputTokenLimit: embedding ? 1 : 65536,
    supportedGenerationMethods: embedding
      ? ['embedContent', 'countTextTokens', 'countTokens']
      : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    ...(!embedding && { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true }),
  };
}

/** Imagen models are served by `:predict` only. */
function imagenModel(id: string) {
  return {
    ...identity(id),
    inputTokenLimit: 480,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['predict'],
  };
}

/** `GET /v1beta/models` (one page) and `GET /v1beta/models/{model}`. */
export function modelRoutes(models: string[]): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1beta\/models$/,
      body: 'none',
      reply: () => jsonReply(200, { models: models.map(model) }, { 'content-type': GEMINI_JSON }),
    },
    {
      method: 'GET',
      path: /^\/v1beta\/models\/(?<model>[^/:]+)$/,
      body: 'none',
      reply: (request) => {
        const id = decodeURIComponent(request.params.model);
        if (models.includes(id)) return jsonReply(200, model(id), { 'content-type': GEMINI_JSON });
        return geminiErrorReply({
          status: 404,
          message: `models/${id} is not found for API version v1beta, or is not supported for generateContent.`,
        });
      },
    },
  ];
}
