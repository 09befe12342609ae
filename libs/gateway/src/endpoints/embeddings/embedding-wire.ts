import type { Usage } from '@verosek/protocol';
import type { UpstreamBody } from '../shared/endpoint-upstream';

/** What an embeddings call asks for, whatever the wire: the texts to embed and the vector size. */
export interface EmbeddingInput {
  texts: string[];
  dimensions?: number;
}

/** What came back: one vector per text, in order, and the provider's usage when it tells. */
export interface EmbeddingResult {
  vectors: number[][];
  usage?: Usage;
}

/** One parsed surface call: the input, its texts for the Shield, and how to answer. */
export interface EmbeddingCall {
  model: string;
  input: EmbeddingInput;
  /** Token-id input: only a provider of the caller's own wire format can take it. */
  tokenInput: boolean;
  /** Visits the inputs the Shield reads, writing back into the caller's body (and `input`). */
  visitTexts(map: (text: string) => string): void;
  /** The caller's own body for a provider of the same wire format, the model rewritten. */
  passthrough(providerModel: string): UpstreamBody;
  /** The answer in the caller's wire format. */
  encode(result: EmbeddingResult, requestedModel: string): unknown;
}

/**
 * One wire format of embeddings (OpenAI `/embeddings`, Gemini `:embedContent`) on both sides: a
 * surface parses the caller's body, a provider gets an input encoded and answers decoded.
 */
export interface EmbeddingWire {
  parse(body: unknown, hints: { model?: string; batch?: boolean }): EmbeddingCall;
  request(input: EmbeddingInput, providerModel: string): UpstreamBody;
  result(answer: unknown, texts: number): EmbeddingResult;
}
