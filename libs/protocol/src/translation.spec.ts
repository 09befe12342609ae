import { anthropicSpec, geminiSpec, openaiSpec, type ValidationResult } from '@verosek/testing/specs';
import type { CanonicalRequest, ContentPart } from './canonical';
import type { WireFormat } from './codec';
import { codecFor } from './codecs';
import { GatewayError } from './gateway-error';
import { catchError } from './test-support/errors';
import { PNG_BASE64, richRequest } from './test-support/rich-request';

const FORMATS: WireFormat[] = ['openai-chat', 'anthropic-messages', 'gemini'];

/** Every encoded request must pass the official schema of its format. */
function validateRequest(format: WireFormat, body: unknown): ValidationResult {
  switch (format) {
    case 'openai-chat':
      return openaiSpec.validateRequest('CreateChatCompletionRequest', body);
    case 'anthropic-messages':
      return anthropicSpec.validateRequest('CreateMessageParams', body);
    case 'gemini':
      return geminiSpec.validateRequest('GenerateContentRequest', body);
  }
}

function roundTrip(
  request: CanonicalRequest,
  format: WireFormat,
): { wire: Record<string, unknown>; back: CanonicalRequest } {
  const codec = codecFor(format);
  const wire = codec.encodeRequest(request, 'provider-model') as Record<string, unknown>;
  expect(validateRequest(format, wire)).toEqual({ valid: true, errors: [] });
  const back = codec.decodeRequest(wire, { model: 'provider-model', stream: request.stream });
  return { wire, back };
}

function textOf(parts: ContentPart[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

describe('canonical request -> each format -> canonical', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      const request = richRequest();
      const { back } = roundTrip(request, format);

      it('keeps the system prompt, turns and their order', () => {
        expect(textOf(back.system)).toBe('You are terse.');
        expect(back.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
        expect(back.messages[0].content[1]).toEqual({
          type: 'image',
          source: { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 },
        });
      });

      it('keeps parallel tool calls and pairs each result with its call', () => {
        const calls = back.messages[1].content.filter((p) => p.type === 'tool_call');
        expect(calls.map((c) => c.type === 'tool_call' && [c.name, JSON.parse(c.arguments)])).toEqual([
          ['get_weather', { city: 'Paris' }],
          ['get_weather', { city: 'Rome', unit: 'c' }],
        ]);
        const results = back.messages[2].content;
        expect(results.map((r) => r.type === 'tool_result' && r.toolCallId)).toEqual(
          calls.map((c) => c.type === 'tool_call' && c.id),
        );
        expect(results.map((r) => r.type === 'tool_result' && JSON.parse(r.content as string))).toEqual([
          { temp: 18 },
          { temp: 24 },
        ]);
      });

      it('keeps tools, tool choice, sampling, stop sequences and the JSON schema', () => {
        expect(back.tools).toEqual([
          expect.objectContaining({
            name: 'get_weather',
            description: 'Current weather of a city',
            parameters: request.tools![0].parameters,
          }),
        ]);
        expect(back.toolChoice).toEqual({ type: 'auto' });
        expect(back).toMatchObject({ maxTokens: 512, temperature: 0.2, topP: 0.9, stop: ['END'] });
        expect(back.responseFormat).toMatchObject({
          type: 'json_schema',
          schema: request.responseFormat!.type === 'json_schema' && request.responseFormat!.schema,
        });
      });
    });
  }

  it.each(FORMATS)('%s: every tool choice survives', (format) => {
    for (const toolChoice of [
      { type: 'auto' },
      { type: 'none' },
      { type: 'required' },
      { type: 'tool', name: 'get_weather' },
    ] as const) {
      expect(roundTrip(richRequest({ toolChoice }), format).back.toolChoice).toEqual(toolChoice);
    }
  });

  it('maps reasoning: effort for OpenAI, a thinking budget for Anthropic and Gemini', () => {
    const reasoning = { enabled: true, budgetTokens: 2048, includeThoughts: true };
    expect(roundTrip(richRequest({ reasoning }), 'openai-chat').wire.reasoning_effort).toBe('low');
    const anthropic = roundTrip(richRequest({ reasoning, maxTokens: 4096 }), 'anthropic-messages');
    expect(anthropic.wire.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(anthropic.back.reasoning).toEqual(reasoning);
    const gemini = roundTrip(richRequest({ reasoning }), 'gemini');
    expect((gemini.wire.generationConfig as Record<string, unknown>).thinkingConfig).toEqual({
      thinkingBudget: 2048,
      includeThoughts: true,
    });
    expect(gemini.back.reasoning).toEqual(reasoning);
    expect(
      roundTrip(richRequest({ reasoning: { enabled: true, effort: 'high' } }), 'anthropic-messages').wire
        .thinking,
    ).toEqual({ type: 'enabled', budget_tokens: 16384 });
  });

  it('leaves reasoning switched off to the model default for OpenAI, sends a zero budget to Gemini', () => {
    expect(roundTrip(richRequest({ reasoning: { enabled: false } }), 'openai-chat').wire).not.toHaveProperty(
      'reasoning_effort',
    );
    expect(
      roundTrip(richRequest({ reasoning: { enabled: false } }), 'anthropic-messages').wire,
    ).not.toHaveProperty('thinking');
    const gemini = roundTrip(richRequest({ reasoning: { enabled: false } }), 'gemini');
    expect(gemini.back.reasoning).toEqual({ enabled: false });
  });

  it('gives Anthropic a max_tokens when the client set none, and room above the thinking budget', () => {
    expect(roundTrip(richRequest({ maxTokens: undefined }), 'anthropic-messages').wire.max_tokens).toBe(4096);
    const thinking = roundTrip(
      richRequest({ maxTokens: undefined, reasoning: { enabled: true, budgetTokens: 8000 } }),
      'anthropic-messages',
    );
    expect(thinking.wire.max_tokens).toBe(12096);
  });

  it('sends Anthropic disable_parallel_tool_use when parallel calls are off', () => {
    const { wire, back } = roundTrip(
      richRequest({ parallelToolCalls: false, toolChoice: { type: 'required' } }),
      'anthropic-messages',
    );
    expect(wire.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(back.parallelToolCalls).toBe(false);
  });

  it('keeps thinking blocks with signatures for Anthropic and thought parts for Gemini', () => {
    const thinking: ContentPart = { type: 'thinking', text: 'Let me think.', signature: 'sig-1' };
    const request = richRequest();
    request.messages[3] = {
      role: 'assistant',
      content: [thinking, { type: 'text', text: 'Paris 18, Rome 24.' }],
    };
    expect(roundTrip(request, 'anthropic-messages').back.messages[3].content[0]).toEqual(thinking);
    expect(roundTrip(request, 'gemini').back.messages[3].content[0]).toEqual(thinking);
    // Chat Completions takes no reasoning back: the turn keeps its text only.
    expect(roundTrip(request, 'openai-chat').back.messages[3].content).toEqual([
      { type: 'text', text: 'Paris 18, Rome 24.' },
    ]);
  });

  it('leaves a URL image as a URL for OpenAI and Anthropic', () => {
    const request = richRequest();
    request.messages[0].content[1] = {
      type: 'image',
      source: { kind: 'url', url: 'https://example.com/map.png' },
    };
    for (const format of ['openai-chat', 'anthropic-messages'] as const) {
      expect(roundTrip(request, format).back.messages[0].content[1]).toEqual({
        type: 'image',
        source: { kind: 'url', url: 'https://example.com/map.png' },
      });
    }
  });
});

describe('what a target format cannot express fails, naming the field', () => {
  const cases: Array<[string, WireFormat, Partial<CanonicalRequest>, string]> = [
    ['top_k for OpenAI', 'openai-chat', { topK: 40 }, 'top_k'],
    ['several choices for Anthropic', 'anthropic-messages', { n: 2 }, 'n'],
    ['several choices for Gemini', 'gemini', { n: 3 }, 'n'],
    ['a seed for Anthropic', 'anthropic-messages', { seed: 7 }, 'seed'],
    [
      'schemaless JSON mode for Anthropic',
      'anthropic-messages',
      { responseFormat: { type: 'json_object' } },
      'response_format',
    ],
    ['parallel calls off for Gemini', 'gemini', { parallelToolCalls: false }, 'parallel_tool_calls'],
    [
      'an OpenAI-only field for Anthropic',
      'anthropic-messages',
      { extra: { 'openai-chat': { logprobs: true } } },
      'logprobs',
    ],
    [
      'a Gemini cached content for OpenAI',
      'openai-chat',
      { extra: { gemini: { cachedContent: 'cachedContents/1' } } },
      'cachedContent',
    ],
  ];
  it.each(cases)('%s', (_, format, overrides, param) => {
    const error = catchError(() => codecFor(format).encodeRequest(richRequest(overrides), 'm'));
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).info).toMatchObject({ kind: 'invalid_request', status: 400, param });
  });

  it('drops advisory fields of another format and keeps those of the same format', () => {
    const request = richRequest({ extra: { 'openai-chat': { store: true, metadata: { a: '1' } } } });
    expect(codecFor('anthropic-messages').encodeRequest(request, 'm')).not.toHaveProperty('store');
    expect(codecFor('openai-chat').encodeRequest(request, 'm')).toMatchObject({
      store: true,
      metadata: { a: '1' },
    });
  });
});
