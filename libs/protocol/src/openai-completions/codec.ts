import type { GenerationCodec } from '../generation-codec';
import { decodeCompletionsRequest } from './request-decode';
import { decodeCompletionsResponse, encodeCompletionsResponse } from './response-codec';
import { CompletionsStreamDecoder } from './stream-decoder';
import { CompletionsStreamEncoder } from './stream-encoder';

/** Legacy OpenAI Completions (`POST /v1/completions`) <-> the canonical model. Errors use the OpenAI format. */
export const openAICompletionsCodec: GenerationCodec = {
  decodeRequest: decodeCompletionsRequest,
  encodeResponse: encodeCompletionsResponse,
  createStreamEncoder: (options) => new CompletionsStreamEncoder(options),
  decodeResponse: decodeCompletionsResponse,
  createStreamDecoder: () => new CompletionsStreamDecoder(),
};
