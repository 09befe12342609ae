import type { WireCodec } from '../codec';
import { decodeOpenAIError, encodeOpenAIError } from './errors';
import { openAIChatPassthrough } from './passthrough';
import { decodeOpenAIRequest } from './request-decode';
import { encodeOpenAIRequest } from './request-encode';
import { decodeOpenAIResponse } from './response-decode';
import { encodeOpenAIResponse } from './response-encode';
import { OpenAIStreamDecoder } from './stream-decoder';
import { OpenAIStreamEncoder } from './stream-encoder';

export const openAIChatCodec: WireCodec = {
  format: 'openai-chat',
  decodeRequest: decodeOpenAIRequest,
  encodeResponse: encodeOpenAIResponse,
  createStreamEncoder: (options) => new OpenAIStreamEncoder(options),
  encodeError: encodeOpenAIError,
  encodeRequest: encodeOpenAIRequest,
  decodeResponse: decodeOpenAIResponse,
  createStreamDecoder: () => new OpenAIStreamDecoder(),
  decodeError: decodeOpenAIError,
  passthrough: openAIChatPassthrough,
};
