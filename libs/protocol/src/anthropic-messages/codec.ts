import type { WireCodec } from '../codec';
import { isObject } from '../util/wire-reader';
import { decodeAnthropicError, encodeAnthropicError } from './errors';
import { usageFromAnthropic } from './maps';
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
  usageOf: (body) => (isObject(body) ? usageFromAnthropic(body.usage) : undefined),
};
