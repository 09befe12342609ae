import type { WireCodec } from '../codec';
import { decodeAnthropicError, encodeAnthropicError } from './errors';
import { decodeAnthropicRequest } from './request-decode';
import { encodeAnthropicRequest } from './request-encode';
import { decodeAnthropicResponse } from './response-decode';
import { encodeAnthropicResponse } from './response-encode';
import { AnthropicStreamDecoder } from './stream-decoder';
import { AnthropicStreamEncoder } from './stream-encoder';

export const anthropicMessagesCodec: WireCodec = {
  format: 'anthropic-messages',
  decodeRequest: decodeAnthropicRequest,
  encodeResponse: encodeAnthropicResponse,
  createStreamEncoder: (options) => new AnthropicStreamEncoder(options),
  encodeError: encodeAnthropicError,
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  createStreamDecoder: () => new AnthropicStreamDecoder(),
  decodeError: decodeAnthropicError,
  passthrough: {
    request: (body, providerModel) => ({ ...body, model: providerModel }),
    // Anthropic streams always carry usage (message_start, message_delta).
    hides: () => false,
  },
};
