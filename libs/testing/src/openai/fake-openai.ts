import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake/fake-server';
import type { FakeProvider } from '../fake/route';
import { speechRoute, transcriptionsRoute, translationsRoute } from './audio';
import { chatCompletionsRoute } from './chat-completions';
import { completionsRoute } from './completions';
import { embeddingsRoute } from './embeddings';
import { imageEditsRoute, imageFilesRoute, imageGenerationsRoute, imageVariationsRoute } from './images';
import { moderationsRoute } from './moderations';
import { responsesRoute } from './responses';
import { DEFAULT_OPENAI_MODELS, modelRoutes } from './models';
import {
  openaiAuthenticate,
  openaiErrorReply,
  openaiInvalidRequestReply,
  openaiNotFoundReply,
} from './openai-errors';

export const FAKE_OPENAI_API_KEY = 'sk-fake-openai-key';

export interface FakeOpenAIOptions extends FakeServerOptions {
  /** The key `Authorization: Bearer` must carry (default FAKE_OPENAI_API_KEY). */
  apiKey?: string;
  /** Ids `GET /v1/models` lists. */
  models?: string[];
}

export function fakeOpenAIProvider(options: FakeOpenAIOptions = {}): FakeProvider {
  const apiKey = options.apiKey ?? FAKE_OPENAI_API_KEY;
  return {
    name: 'openai',
    basePath: '/v1',
    routes: [
      chatCompletionsRoute,
      completionsRoute,
      responsesRoute,
      embeddingsRoute,
      imageGenerationsRoute,
      imageEditsRoute,
      imageVariationsRoute,
      imageFilesRoute,
      speechRoute,
      transcriptionsRoute,
      translationsRoute,
      moderationsRoute,
      ...modelRoutes(options.models ?? DEFAULT_OPENAI_MODELS),
    ],
    authenticate: (request) => openaiAuthenticate(request, apiKey),
    errorReply: (error) => openaiErrorReply(error),
    invalidRequestReply: openaiInvalidRequestReply,
    notFoundReply: openaiNotFoundReply,
  };
}

/** A fake OpenAI API on 127.0.0.1; `baseUrl` ends in `/v1` as the SDK expects. */
export function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeServer> {
  return startFakeServer(fakeOpenAIProvider(options), options);
}
