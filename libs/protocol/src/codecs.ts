import { anthropicMessagesCodec } from './anthropic-messages/codec';
import type { WireCodec, WireFormat } from './codec';
import { geminiCodec } from './gemini/codec';
import { openAIChatCodec } from './openai-chat/codec';

const CODECS: Record<WireFormat, WireCodec> = {
  'openai-chat': openAIChatCodec,
  'anthropic-messages': anthropicMessagesCodec,
  gemini: geminiCodec,
};

/** The codec of a wire format (stateless; stream encoders/decoders are made per stream). */
export function codecFor(format: WireFormat): WireCodec {
  const codec = CODECS[format];
  if (codec === undefined) throw new Error(`no codec for wire format '${String(format)}'`);
  return codec;
}
