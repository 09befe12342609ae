import type { GenerationCodec } from '../generation-codec';
import { decodeResponsesRequest } from './request-decode';
import { decodeResponsesResponse } from './response-decode';
import { encodeResponsesResponse } from './response-encode';
import { ResponsesStreamDecoder } from './stream-decoder';
import { ResponsesStreamEncoder } from './stream-encoder';

/** The OpenAI Responses API (`POST /v1/responses`) <-> the canonical model. Errors use the OpenAI format. */
export const openAIResponsesCodec: GenerationCodec = {
  decodeRequest: decodeResponsesRequest,
  encodeResponse: encodeResponsesResponse,
  createStreamEncoder: (options) => new ResponsesStreamEncoder(options),
  decodeResponse: decodeResponsesResponse,
  createStreamDecoder: () => new ResponsesStreamDecoder(),
};
