import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake/fake-server';
import type { FakeProvider } from '../fake/route';
import {
  anthropicAuthenticate,
  anthropicErrorReply,
  anthropicInvalidRequestReply,
  anthropicNotFoundReply,
} from './anthropic-errors';
import { countTokensRoute } from './count-tokens';
import { messagesRoute } from './messages';
import { DEFAULT_ANTHROPIC_MODELS, modelRoutes } from './models';

export const FAKE_ANTHROPIC_API_KEY = 'sk-ant-fake-anthropic-key';

export interface FakeAnthropicOptions extends FakeServerOptions {
  /** The key `x-api-key` must carry (default FAKE_ANTHROPIC_API_KEY). */
  apiKey?: string;
  /** Ids `GET /v1/models` lists. */
  models?: string[];
}

export function fakeAnthropicProvider(options: FakeAnthropicOptions = {}): FakeProvider {
  const apiKey = options.apiKey ?? FAKE_ANTHROPIC_API_KEY;
  return {
    name: 'anthropic',
    basePath: '',
    routes: [messagesRoute, countTokensRoute, ...modelRoutes(options.models ?? DEFAULT_ANTHROPIC_MODELS)],
    authenticate: (request) => anthropicAuthenticate(request, apiKey),
    errorReply: anthropicErrorReply,
    invalidRequestReply: anthropicInvalidRequestReply,
    notFoundReply: anthropicNotFoundReply,
  };
}

/** A fake Anthropic API on 127.0.0.1; `baseUrl` is the bare host, as the SDK expects. */
export function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeServer> {
  return startFakeServer(fakeAnthropicProvider(options), options);
}
