import type { CanonicalRequest } from '../canonical';
import type { SurfaceHints } from '../codec';
import { assign } from '../util/assign';
import {
  asObject,
  invalidField,
  optBoolean,
  optInteger,
  optNumber,
  optObject,
  optString,
  optStringList,
  unsupportedField,
} from '../util/wire-reader';

const TRANSLATED = new Set([
  'model',
  'prompt',
  'max_tokens',
  'temperature',
  'top_p',
  'stop',
  'stream',
  'stream_options',
  'user',
  'seed',
  'n',
]);

/** The API's own default when `max_tokens` is left out. */
export const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

/**
 * Legacy Completions body -> canonical request, for providers without a completions endpoint:
 * the prompt becomes the one user message (no system prompt), `max_tokens` keeps the API's
 * default of 16. Token-array prompts, several prompts, `echo`, `suffix`, `logprobs`, `best_of`,
 * penalties and `logit_bias` have no canonical form and are refused naming the field.
 */
export function decodeCompletionsRequest(body: unknown, hints: SurfaceHints = {}): CanonicalRequest {
  const b = asObject(body, 'body');
  const model = optString(b.model, 'model') ?? hints.model;
  if (model === undefined || model === '') throw invalidField('model', 'required');
  for (const key in b)
    if (!TRANSLATED.has(key) && b[key] !== undefined && b[key] !== null)
      throw unsupportedField(key, 'has no equivalent on a chat provider');
  const n = optInteger(b.n, 'n');
  if (n !== undefined && n !== 1)
    throw unsupportedField('n', 'only one completion translates to a chat provider');
  const request: CanonicalRequest = {
    model,
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: promptOf(b.prompt) }] }],
    stream: optBoolean(b.stream, 'stream') ?? hints.stream ?? false,
    maxTokens: optInteger(b.max_tokens, 'max_tokens') ?? COMPLETIONS_DEFAULT_MAX_TOKENS,
  };
  assign(request, 'temperature', optNumber(b.temperature, 'temperature'));
  assign(request, 'topP', optNumber(b.top_p, 'top_p'));
  assign(request, 'stop', optStringList(b.stop, 'stop'));
  assign(request, 'seed', optInteger(b.seed, 'seed'));
  assign(request, 'user', optString(b.user, 'user'));
  const streamOptions = optObject(b.stream_options, 'stream_options');
  assign(request, 'includeUsage', optBoolean(streamOptions?.include_usage, 'stream_options.include_usage'));
  return request;
}

function promptOf(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string') return prompt[0];
  if (prompt === undefined || prompt === null) throw invalidField('prompt', 'required');
  throw unsupportedField('prompt', 'only a single text prompt translates to a chat provider');
}
