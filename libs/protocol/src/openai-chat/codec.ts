import type { WireCodec } from '../codec';
import { decodeOpenAIError, encodeOpenAIError } from './errors';
import { usageFromOpenAI } from './maps';
import { decodeOpenAIRequest } from './request-decode';
import { encodeOpenAIRequest } from './request-encode';
import { decodeOpenAIResponse } from './response-decode';
import { encodeOpenAIResponse } from './response-encode';
import { OpenAIStreamDecoder } from './stream-decoder';
import { OpenAIStreamEncoder } from './stream-encoder';
import { isObject } from '../util/wire-reader';

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
  usageOf: (body) => (isObject(body) ? usageFromOpenAI(body.usage) : undefined),
};
