import type { StopReason as CanonicalStop } from '@verosek/protocol';
import type { SdkAbility, SdkDriver } from './driver';
import type { Answer, Ask, AskTool, ScriptedAnswer, StopReason, UpstreamView } from './neutral';
import type { MatrixProvider, ProviderName } from './providers';

export interface FeatureContext {
  driver: SdkDriver;
  provider: MatrixProvider;
  stream: boolean;
  /** A PNG served on loopback, for image-by-URL features. */
  imageUrl: string;
}

/** One row of the matrix: a request feature, what the fake answers, and what must hold. */
export interface Feature {
  id: string;
  title: string;
  /** What the caller's SDK must be able to say; without it the cell is "not expressible". */
  needs?: SdkAbility;
  ask(ctx: FeatureContext): Ask;
  script: ScriptedAnswer;
  /**
   * Providers that cannot carry the feature, with the request field the gateway's 400 names.
   * Each entry is a documented refusal (libs/protocol/README.md, "Refused when the target cannot express it").
   */
  refusedBy?: Partial<Record<ProviderName, string>>;
  /** The translated request that reached the provider's fake. */
  upstream(view: UpstreamView, ctx: FeatureContext): void;
  /** Checks beyond the scripted text, tool calls, stop reason and usage. */
  answer?(answer: Answer, ctx: FeatureContext): void;
}

export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const WEATHER: AskTool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
  },
};
const TIME: AskTool = {
  name: 'get_time',
  description: 'Current local time in a time zone',
  parameters: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
};
const ANSWER_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'integer' } },
  required: ['answer'],
  additionalProperties: false,
};

/**
 * Arguments longer than the stream Shield's hold-back window (a few hundred characters, so that a
 * secret split across deltas is still caught): only these reach the client in several fragments.
 */
const LONG_ARGUMENTS = {
  city: 'Paris',
  unit: 'c',
  context: 'The traveller asks about the weather for a walk along the river in the afternoon. '
    .repeat(12)
    .trim(),
};

const user = (text: string) => ({ role: 'user' as const, parts: [{ text }] });
const roles = (view: UpstreamView) => view.turns.map((t) => t.role);

/** The canonical stop reason a provider's wire keeps of a scripted one. */
export function stopSeenThrough(provider: MatrixProvider, scripted: StopReason): CanonicalStop {
  switch (scripted) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'stop_sequence':
      return provider.tellsStopSequence ? 'stop_sequence' : 'stop';
    case 'content_filter':
      return provider.name === 'anthropic' ? 'refusal' : 'content_filter';
    default:
      return 'stop';
  }
}

export const FEATURES: Feature[] = [
  {
    id: 'text',
    title: 'Text, usage with cached input tokens',
    ask: () => ({ messages: [user('Say hello')] }),
    script: {
      text: 'Hello there, traveller.',
      chunks: ['Hello', ' there,', ' traveller.'],
      usage: { input: 12, output: 6, cached: 4 },
    },
    upstream: (view) => {
      expect(roles(view)).toEqual(['user']);
      expect(view.turns[0].texts).toEqual(['Say hello']);
    },
  },
  {
    id: 'system',
    title: 'System prompt (OpenAI system message, Anthropic `system`, Gemini `systemInstruction`)',
    ask: () => ({ system: 'You answer in one word.', messages: [user('Hi')] }),
    script: { text: 'Hello.' },
    upstream: (view) => {
      expect(view.system).toEqual(['You answer in one word.']);
      expect(roles(view)).toEqual(['user']);
    },
  },
  {
    id: 'system-developer',
    title: 'Developer message as the system prompt',
    needs: 'developer-role',
    ask: () => ({ system: 'Be brief.', asDeveloper: true, messages: [user('Hi')] }),
    script: { text: 'Hi.' },
    upstream: (view) => {
      expect(view.system).toEqual(['Be brief.']);
      expect(roles(view)).toEqual(['user']);
    },
  },
  {
    id: 'multi-turn',
    title: 'Multi-turn conversation',
    ask: () => ({
      messages: [
        user('My favourite colour is teal.'),
        { role: 'assistant', text: 'Teal is a fine colour.' },
        user('Which colour do I like?'),
      ],
    }),
    script: { text: 'You like teal.' },
    upstream: (view) => {
      expect(roles(view)).toEqual(['user', 'assistant', 'user']);
      expect(view.turns.map((t) => t.texts.join(''))).toEqual([
        'My favourite colour is teal.',
        'Teal is a fine colour.',
        'Which colour do I like?',
      ]);
    },
  },
  {
    id: 'tools-auto',
    title: 'Tool definitions, `tool_choice` auto, streamed argument deltas (long arguments)',
    ask: () => ({ tools: [WEATHER, TIME], toolChoice: 'auto', messages: [user('Weather in Paris?')] }),
    script: {
      toolCalls: [{ name: 'get_weather', arguments: LONG_ARGUMENTS }],
      usage: { input: 40, output: 18 },
    },
    upstream: (view) => {
      expect(view.tools).toEqual(['get_weather', 'get_time']);
      expect(view.toolChoice).toEqual('auto');
    },
    answer: (answer, { driver, provider, stream }) => {
      // Gemini carries whole calls: fragments exist only where both sides stream them.
      if (stream && driver.streamsArgumentFragments && provider.name !== 'gemini')
        expect(answer.argumentFragments[0]).toBeGreaterThan(1);
    },
  },
  {
    id: 'tool-choice-none',
    title: '`tool_choice` none',
    ask: () => ({ tools: [WEATHER], toolChoice: 'none', messages: [user('Just chat.')] }),
    script: { text: 'Happy to chat.' },
    upstream: (view) => expect(view.toolChoice).toEqual('none'),
  },
  {
    id: 'tool-choice-required',
    title: '`tool_choice` required (Anthropic `any`, Gemini `ANY`)',
    ask: () => ({ tools: [WEATHER, TIME], toolChoice: 'required', messages: [user('Use a tool.')] }),
    script: { toolCalls: [{ name: 'get_time', arguments: { timezone: 'Europe/Paris' } }] },
    upstream: (view) => expect(view.toolChoice).toEqual('required'),
  },
  {
    id: 'tool-choice-named',
    title: '`tool_choice` naming one tool',
    ask: () => ({
      tools: [WEATHER, TIME],
      toolChoice: { name: 'get_time' },
      messages: [user('What time is it in Paris?')],
    }),
    script: { toolCalls: [{ name: 'get_time', arguments: { timezone: 'Europe/Paris' } }] },
    upstream: (view) => expect(view.toolChoice).toEqual({ name: 'get_time' }),
  },
  {
    id: 'tools-parallel',
    title: 'Parallel tool calls',
    ask: () => ({ tools: [WEATHER, TIME], messages: [user('Weather and time in Paris?')] }),
    script: {
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
      ],
    },
    upstream: (view) => expect(view.tools).toEqual(['get_weather', 'get_time']),
  },
  {
    id: 'tool-results',
    title: 'Tool results sent back (two parallel results)',
    ask: () => ({
      tools: [WEATHER, TIME],
      messages: [
        user('Weather and time in Paris?'),
        {
          role: 'assistant',
          toolCalls: [
            { id: 'call_w1', name: 'get_weather', args: { city: 'Paris' } },
            { id: 'call_t1', name: 'get_time', args: { timezone: 'Europe/Paris' } },
          ],
        },
        {
          role: 'tool',
          results: [
            { id: 'call_w1', name: 'get_weather', content: '{"temperature":21,"sky":"clear"}' },
            { id: 'call_t1', name: 'get_time', content: '{"time":"14:05"}' },
          ],
        },
      ],
    }),
    script: { text: 'It is 21°C and clear in Paris, and 14:05.' },
    upstream: (view, { provider, driver }) => {
      expect(roles(view)).toEqual(['user', 'assistant', 'tool']);
      const [calls, results] = [view.turns[1].toolCalls, view.turns[2].toolResults];
      expect(calls.map((c) => [c.name, c.args])).toEqual([
        ['get_weather', { city: 'Paris' }],
        ['get_time', { timezone: 'Europe/Paris' }],
      ]);
      expect(results.map((r) => r.content)).toEqual([{ temperature: 21, sky: 'clear' }, { time: '14:05' }]);
      // Results are paired with their calls: by id where the provider has ids, by name in Gemini.
      if (provider.name === 'gemini') expect(results.map((r) => r.name)).toEqual(['get_weather', 'get_time']);
      else expect(results.map((r) => r.id)).toEqual(calls.map((c) => c.id));
      if (driver.name !== 'gemini' && provider.name !== 'gemini')
        expect(calls.map((c) => c.id)).toEqual(['call_w1', 'call_t1']);
    },
  },
  {
    id: 'image-base64',
    title: 'Image, base64',
    ask: () => ({
      messages: [
        {
          role: 'user',
          parts: [
            { text: 'What is in this image?' },
            { image: { kind: 'base64', mediaType: 'image/png', data: PNG_1X1 } },
          ],
        },
      ],
    }),
    script: { text: 'A single pixel.' },
    upstream: (view) => {
      expect(view.turns[0].texts).toEqual(['What is in this image?']);
      expect(view.turns[0].images).toEqual([{ kind: 'base64', mediaType: 'image/png', data: PNG_1X1 }]);
    },
  },
  {
    id: 'image-url',
    title: 'Image by URL (Gemini upstream: fetched and inlined)',
    ask: ({ imageUrl }) => ({
      messages: [
        {
          role: 'user',
          parts: [
            { text: 'Describe it.' },
            { image: { kind: 'url', url: imageUrl, mediaType: 'image/png' } },
          ],
        },
      ],
    }),
    script: { text: 'A single pixel.' },
    upstream: (view, { provider, driver, imageUrl }) => {
      const [image] = view.turns[0].images;
      // Gemini takes bytes only (its own file URIs aside): a URL from another format must arrive inlined.
      if (provider.name === 'gemini' && driver.name !== 'gemini')
        expect(image).toEqual({ kind: 'base64', mediaType: 'image/png', data: PNG_1X1 });
      else expect(image).toMatchObject({ kind: 'url', url: imageUrl });
    },
  },
  {
    id: 'json-mode',
    title: 'JSON mode (schemaless)',
    needs: 'json-mode',
    ask: () => ({ responseFormat: { type: 'json' }, messages: [user('Answer in JSON.')] }),
    script: { text: '{"answer":42}' },
    refusedBy: { anthropic: 'response_format' },
    upstream: (view) => expect(view.responseFormat).toEqual({ type: 'json' }),
    answer: (answer) => expect(JSON.parse(answer.text)).toEqual({ answer: 42 }),
  },
  {
    id: 'json-schema',
    title: 'Structured output with a JSON schema',
    ask: () => ({
      responseFormat: { type: 'schema', name: 'answer', schema: ANSWER_SCHEMA },
      messages: [user('Six times seven?')],
    }),
    script: { text: '{"answer":42}' },
    upstream: (view) => expect(view.responseFormat).toEqual({ type: 'schema', schema: ANSWER_SCHEMA }),
    answer: (answer) => expect(JSON.parse(answer.text)).toEqual({ answer: 42 }),
  },
  {
    id: 'stop-sequences',
    title: 'Stop sequences, stop reason',
    ask: () => ({ stop: ['END'], messages: [user('Count to three, then say END.')] }),
    script: { text: 'one two three ', stopReason: 'stop_sequence' },
    upstream: (view) => expect(view.stop).toEqual(['END']),
  },
  {
    id: 'max-tokens',
    title: 'Max tokens, length stop reason',
    ask: () => ({ maxTokens: 5, messages: [user('Tell me a long story.')] }),
    script: { text: 'Once upon a time', stopReason: 'max_tokens', usage: { input: 9, output: 5 } },
    upstream: (view) => expect(view.maxTokens).toBe(5),
  },
  {
    id: 'content-filter',
    title: 'Content-filter stop (OpenAI `content_filter`, Anthropic `refusal`, Gemini `SAFETY`)',
    ask: () => ({ messages: [user('Tell me something dangerous.')] }),
    script: { text: 'I cannot help', stopReason: 'content_filter' },
    upstream: (view) => expect(roles(view)).toEqual(['user']),
  },
  {
    id: 'temperature-top-p',
    title: 'temperature, top_p',
    ask: () => ({ temperature: 0.3, topP: 0.9, messages: [user('Pick a word.')] }),
    script: { text: 'Lantern.' },
    upstream: (view) => expect(view).toMatchObject({ temperature: 0.3, topP: 0.9 }),
  },
  {
    id: 'top-k',
    title: 'top_k',
    needs: 'top-k',
    ask: () => ({ topK: 40, messages: [user('Pick a word.')] }),
    script: { text: 'Lantern.' },
    refusedBy: { openai: 'top_k' },
    upstream: (view) => expect(view.topK).toBe(40),
  },
  {
    id: 'seed',
    title: 'seed',
    needs: 'seed',
    ask: () => ({ seed: 7, messages: [user('Pick a word.')] }),
    script: { text: 'Lantern.' },
    refusedBy: { anthropic: 'seed' },
    upstream: (view) => expect(view.seed).toBe(7),
  },
  {
    id: 'reasoning',
    title:
      'Reasoning (OpenAI `reasoning_effort`, Anthropic thinking + signature, Gemini `thinkingConfig`), reasoning tokens',
    ask: () => ({
      reasoning: { effort: 'medium', budgetTokens: 8192 },
      maxTokens: 16000,
      messages: [user('What is 6 x 7?')],
    }),
    script: {
      thinking: { text: 'Six sevens are forty-two.', signature: 'c2lnbmF0dXJlLW9mLXRoZS10aG91Z2h0' },
      text: '42.',
      usage: { input: 20, output: 60, reasoning: 50 },
    },
    upstream: (view, { provider }) => {
      if (provider.name === 'openai') expect(view.reasoning).toEqual({ effort: 'medium' });
      else expect(view.reasoning).toEqual({ budgetTokens: 8192 });
    },
    answer: (answer, { driver, provider }) => {
      if (!(driver.showsThinking && provider.returnsThinking)) return;
      expect(answer.thinking.map((t) => t.text)).toEqual(['Six sevens are forty-two.']);
      // Signatures are the provider's own tokens: they must come back intact in the provider's format.
      if (driver.name === provider.name)
        expect(answer.thinking[0].signature).toBe('c2lnbmF0dXJlLW9mLXRoZS10aG91Z2h0');
    },
  },
  {
    id: 'thinking-history',
    title: 'Signed thinking sent back in a tool-use turn',
    needs: 'thinking-history',
    ask: () => ({
      reasoning: { effort: 'medium', budgetTokens: 8192 },
      maxTokens: 16000,
      tools: [WEATHER],
      messages: [
        user('Weather in Paris?'),
        {
          role: 'assistant',
          thinking: { text: 'I should call the weather tool.', signature: 'c2lnbmVkLXRoaW5raW5n' },
          toolCalls: [{ id: 'call_w1', name: 'get_weather', args: { city: 'Paris' } }],
        },
        { role: 'tool', results: [{ id: 'call_w1', name: 'get_weather', content: '{"temperature":21}' }] },
      ],
    }),
    script: { text: 'It is 21°C.' },
    upstream: (view, { driver, provider }) => {
      expect(roles(view)).toEqual(['user', 'assistant', 'tool']);
      // Same format: the signed thinking goes back untouched. OpenAI takes no thinking back (documented).
      if (driver.name === provider.name)
        expect(view.turns[1].thinking).toEqual([
          { text: 'I should call the weather tool.', signature: 'c2lnbmVkLXRoaW5raW5n' },
        ]);
      if (provider.name === 'openai') expect(view.turns[1].thinking).toEqual([]);
    },
  },
];

/** Upstream error statuses every SDK must see as its own typed error. */
export const UPSTREAM_ERROR_STATUSES = [400, 401, 403, 404, 413, 429, 500, 503, 529];

/** What the caller is told for an upstream status: the provider refusing the gateway's credentials is the gateway's fault. */
export function gatewayStatusFor(upstream: number): number {
  return upstream === 401 || upstream === 403 ? 502 : upstream;
}

export function expectedUsage(
  script: ScriptedAnswer,
  driver: SdkDriver,
  provider: MatrixProvider,
): Answer['usage'] | undefined {
  const usage = script.usage;
  if (!usage || usage.input === undefined || usage.output === undefined) return undefined;
  return {
    input: usage.input,
    output: usage.output,
    cached: usage.cached ?? 0,
    reasoning: driver.showsReasoningTokens && provider.reportsReasoningTokens ? (usage.reasoning ?? 0) : 0,
  };
}
