import { tokenUsageOf } from '../shared/answer-usage';
import type { ImageWire } from './image-wire';

/** OpenAI-format providers: the caller's body with the provider's model, the answer as written. */
export const openAIImageWire: ImageWire = {
  request: (body, providerModel) => ({
    path: '/images/generations',
    body: { ...body, model: providerModel },
  }),
  answer: (json) => ({ body: json, usage: tokenUsageOf(json) }),
};
