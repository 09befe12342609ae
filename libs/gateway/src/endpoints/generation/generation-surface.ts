import type { GenerationCodec } from '@verosek/protocol';
import type { Endpoint } from '@verosek/providers';

/** What the gateway needs to know of a caller's text-generation body before routing it. */
export interface GenerationCall {
  model: string;
  stream: boolean;
  maxOutputTokens?: number;
  /** Whether a streamed answer carries usage for the caller (Completions: only when asked). */
  includeUsage: boolean;
  /** The prompt texts in the caller's own body, for the Shield (redactions are written back). */
  visitTexts(map: (text: string) => string): void;
}

/**
 * A text-generation wire format served on the OpenAI surface besides Chat Completions (Responses,
 * legacy Completions). Providers that have the endpoint get the caller's body, model rewritten;
 * chat providers get it translated through the canonical model by `codec`.
 */
export interface GenerationSurface {
  /** The endpoint (capability and audit name). */
  endpoint: Extract<Endpoint, 'responses' | 'completions'>;
  /** Path of the same endpoint at a provider that has it. */
  path: string;
  codec: GenerationCodec;
  /** Light checks of the body (model, stream...); full decoding happens only to translate. */
  inspect(body: Record<string, unknown>): GenerationCall;
  /** The body for a provider that has the endpoint. */
  passthrough(body: Record<string, unknown>, providerModel: string): Record<string, unknown>;
}
