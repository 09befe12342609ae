import { openAICompletionsCodec } from '@verosek/protocol';
import { optionalCount, optionalFlag, requireModel } from '../generation/body-fields';
import type { GenerationSurface } from '../generation/generation-surface';

type Body = Record<string, unknown>;

/** The API's default `max_tokens` for completions. */
const DEFAULT_MAX_TOKENS = 16;

/**
 * `POST /v1/completions` (legacy). OpenAI and OpenAI-compatible providers get the body as sent;
 * chat providers get the prompt as the one user message (see the Completions codec). Upstream
 * streams always carry usage, so every call is metered; the caller sees it only if it asked.
 */
export const completionsSurface: GenerationSurface = {
  endpoint: 'completions',
  path: '/completions',
  codec: openAICompletionsCodec,
  inspect(body) {
    const stream = optionalFlag(body, 'stream');
    const options = body.stream_options as Body | null | undefined;
    return {
      model: requireModel(body),
      stream,
      maxOutputTokens: optionalCount(body, 'max_tokens') ?? DEFAULT_MAX_TOKENS,
      includeUsage: options?.include_usage === true,
      visitTexts(map) {
        if (typeof body.prompt === 'string') body.prompt = map(body.prompt);
        else if (Array.isArray(body.prompt))
          body.prompt.forEach((p: unknown, i: number) => {
            if (typeof p === 'string') (body.prompt as unknown[])[i] = map(p);
          });
      },
    };
  },
  passthrough(body, providerModel) {
    const upstream: Body = { ...body, model: providerModel };
    if (body.stream === true)
      upstream.stream_options = { ...(body.stream_options as Body | undefined), include_usage: true };
    return upstream;
  },
};
