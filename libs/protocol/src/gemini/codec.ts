import type { WireCodec } from '../codec';
import { decodeGeminiError, encodeGeminiError } from './errors';
import { decodeGeminiRequest } from './request-decode';
import { encodeGeminiRequest } from './request-encode';
import { decodeGeminiResponse } from './response-decode';
import { encodeGeminiResponse } from './response-encode';
import { GeminiStreamDecoder } from './stream-decoder';
import { GeminiStreamEncoder } from './stream-encoder';

export const geminiCodec: WireCodec = {
  format: 'gemini',
  decodeRequest: decodeGeminiRequest,
  encodeResponse: encodeGeminiResponse,
  createStreamEncoder: (options) => new GeminiStreamEncoder(options),
  encodeError: encodeGeminiError,
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  createStreamDecoder: () => new GeminiStreamDecoder(),
  decodeError: decodeGeminiError,
  passthrough: {
    // The model rides in the URL; usageMetadata always comes back.
    request: (body) => ({ ...body }),
    hides: () => false,
  },
};
