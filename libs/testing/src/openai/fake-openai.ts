import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake/fake-server';
import type { FakeProvider } from '../fake/route';
import { chatCompletionsRoute } from './chat-completions';
import { DEFAULT_OPENAI_MODELS, modelRoutes } from './models';
import { openaiAuthenticate, openaiErrorReply, openaiInvalidRequestReply, openaiNotFoundReply } from './openai-errors';

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
    routes: [chatCompletionsRoute, ...modelRoutes(options.models ?? DEFAULT_OPENAI_MODELS)],
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
