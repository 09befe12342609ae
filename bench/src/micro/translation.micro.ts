import type { WireCodec, WireFormat } from '@verosek/protocol';
import { conversationCompletion, conversationRequest } from './fixtures/conversation';
import { exportOf, loadLib } from './lib-loader';
import { rowOf, type MicroOptions, type MicroResult } from './micro-result';
import { timeCalls } from './time-calls';

const PROVIDERS: { format: WireFormat; label: string; model: string }[] = [
  { format: 'anthropic-messages', label: 'Anthropic', model: 'claude-sonnet-4-5' },
  { format: 'gemini', label: 'Gemini', model: 'gemini-2.5-flash' },
];

/**
 * Translation cost per request: a 20-message conversation with tools sent on the OpenAI surface to an
 * Anthropic or Gemini deployment (decode + encode of the request), and the provider's answer back into
 * an OpenAI completion. Codec work only: JSON parsing and serialisation of the bodies are not included.
 */
export async function translationMicro(options: MicroOptions): Promise<MicroResult> {
  const codecFor = exportOf<(format: WireFormat) => WireCodec>(loadLib('protocol'), 'protocol', 'codecFor');
  const openai = codecFor('openai-chat');
  const body = conversationRequest();
  const calls = options.quick ? 2_000 : 20_000;
  const warmup = options.quick ? 500 : 5_000;
  const rows = [];
  for (const provider of PROVIDERS) {
    const codec = codecFor(provider.format);
    // The provider's answer in its own wire format, made by its codec from the canonical answer.
    const answer = JSON.parse(
      JSON.stringify(codec.encodeResponse(openai.decodeResponse(conversationCompletion()), provider.model)),
    );
    const request = await timeCalls(() => codec.encodeRequest(openai.decodeRequest(body), provider.model), {
      calls,
      warmup,
    });
    const response = await timeCalls(() => openai.encodeResponse(codec.decodeResponse(answer), 'gpt-4o'), {
      calls,
      warmup,
    });
    rows.push(rowOf(`OpenAI chat -> ${provider.label} request (decode + encode)`, request.perCallNs));
    rows.push(rowOf(`${provider.label} answer -> OpenAI chat completion`, response.perCallNs));
  }
  const bytes = JSON.stringify(body).length;
  return {
    name: 'translation',
    status: 'ok',
    rows,
    notes: [
      `request: 20 messages, 3 tools, 5 tool calls, ${bytes} bytes of JSON; codec work only (no JSON.parse / stringify)`,
    ],
  };
}
