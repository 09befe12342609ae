import type { WireFormat } from '@verosek/protocol';

/** The SDK dialect a request arrived in; decides the codec and the error format of every answer. */
export type Surface = WireFormat;

type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * `/v1/models` is shared by the OpenAI and Anthropic SDKs; the Anthropic SDK always sends
 * `anthropic-version`, which tells them apart.
 */
export function surfaceOf(url: string, headers: HeaderBag): Surface {
  if (url.startsWith('/v1beta/')) return 'gemini';
  if (url.startsWith('/v1/messages')) return 'anthropic-messages';
  if (headers['anthropic-version'] !== undefined) return 'anthropic-messages';
  return 'openai-chat';
}
