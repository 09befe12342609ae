import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake/fake-server';
import type { FakeProvider } from '../fake/route';
import { countTokensRoute } from './count-tokens';
import { batchEmbedContentsRoute, embedContentRoute } from './embed-content';
import {
  geminiAuthenticate,
  geminiErrorReply,
  geminiInvalidRequestReply,
  geminiNotFoundReply,
} from './gemini-errors';
import { generateContentRoute, streamGenerateContentRoute } from './generate-content';
import { DEFAULT_GEMINI_MODELS, modelRoutes } from './models';
import { predictRoute } from './predict';

export const FAKE_GEMINI_API_KEY = 'fake-gemini-api-key';

export interface FakeGeminiOptions extends FakeServerOptions {
  /** The key `x-goog-api-key` or `?key=` must carry (default FAKE_GEMINI_API_KEY). */
  apiKey?: string;
  /** Model ids (without `models/`) `GET /v1beta/models` lists. */
  models?: string[];
}

export function fakeGeminiProvider(options: FakeGeminiOptions = {}): FakeProvider {
  const apiKey = options.apiKey ?? FAKE_GEMINI_API_KEY;
  return {
    name: 'gemini',
    basePath: '',
    routes: [
      generateContentRoute,
      streamGenerateContentRoute,
      countTokensRoute,
      embedContentRoute,
      batchEmbedContentsRoute,
      predictRoute,
      ...modelRoutes(options.models ?? DEFAULT_GEMINI_MODELS),
    ],
    authenticate: (request) => geminiAuthenticate(request, apiKey),
    errorReply: (error) => geminiErrorReply(error),
    invalidRequestReply: geminiInvalidRequestReply,
    notFoundReply: geminiNotFoundReply,
  };
}

/** A fake Gemini API (v1beta) on 127.0.0.1; `baseUrl` is the bare host, as the SDK expects. */
export function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeServer> {
  return startFakeServer(fakeGeminiProvider(options), options);
}
