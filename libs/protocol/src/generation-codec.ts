import type { WireCodec } from './codec';

/**
 * A text-generation wire format the gateway serves on a surface but never needs to encode
 * towards a provider (OpenAI Responses, legacy Completions): same-format providers get the
 * caller's body passed through, so only the answer is decoded. The other direction is the
 * canonical model, translated by the provider's own chat codec.
 */
export type GenerationCodec = Pick<
  WireCodec,
  'decodeRequest' | 'encodeResponse' | 'createStreamEncoder' | 'decodeResponse' | 'createStreamDecoder'
>;
