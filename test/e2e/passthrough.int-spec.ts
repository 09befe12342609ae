import Anthropic from '@anthropic-ai/sdk';
import { HarmBlockThreshold, HarmCategory } from '@google/genai';
import OpenAI from 'openai';
import type { AuditCallDetail } from '@verosek/audit';
import { FAKE_ANTHROPIC_API_KEY, FAKE_OPENAI_API_KEY } from '@verosek/testing';
import { AdminClient, eventually } from '../harness/admin-client';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../harness/gateway-harness';
import { geminiClient } from '../harness/sdk-clients';

/**
 * Same-format calls pass through: the caller's body reaches the provider with only the model
 * replaced (nested fields the canonical model has no home for survive), and the provider's answer
 * reaches the SDK as written, tapped for usage. Shield post is off here so streams pass through
 * too; with it on (the last block), the prompt still goes untranslated and the stream is decoded
 * and encoded again so the sliding window can hold back and redact.
 */
describe('same-format passthrough: the caller body and the provider answer go through untranslated', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let admin: AdminClient;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({
      yaml: threeProviderYaml(
        fakes,
        `  - name: openai-then-claude
    deployments:
      - { provider: openai, model: gpt-4o-2024-08-06, api_base: "${fakes.openai.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY}, priority: 0 }
      - { provider: anthropic, model: claude-sonnet-4-5, api_base: "${fakes.anthropic.baseUrl}", api_key: ${FAKE_ANTHROPIC_API_KEY}, priority: 1 }
shield:
  post: { pii: off, secrets: off }
routing:
  allowed_fails: 1000
`,
      ),
    });
    admin = new AdminClient(gateway.url);
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  /** The audited call of a request, once the audit consumer has written it. */
  async function auditedCall(requestId: string | null): Promise<AuditCallDetail['call']> {
    let detail: AuditCallDetail | undefined;
    await eventually(async () => {
      detail = await admin.get<AuditCallDetail>(`/admin/audit/${requestId}`).catch(() => undefined);
      return detail !== undefined;
    }, `the audit record of ${requestId}`);
    return detail!.call;
  }

  describe('OpenAI SDK -> OpenAI', () => {
    const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });

    it('forwards fields the canonical model lacks and returns the provider answer as written', async () => {
      fakes.openai.script({ text: 'Hi.', usage: { input: 9, output: 2 } });
      const { data, response } = await openai()
        .chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Hello' }],
          logprobs: true,
          top_logprobs: 2,
          prediction: { type: 'content', content: 'Hi.' },
        })
        .withResponse();

      const [sent] = fakes.openai.requests;
      expect(sent.valid).toBe(true);
      expect(sent.body).toEqual({
        model: 'gpt-4o-2024-08-06',
        messages: [{ role: 'user', content: 'Hello' }],
        logprobs: true,
        top_logprobs: 2,
        prediction: { type: 'content', content: 'Hi.' },
      });
      expect(data.choices[0].message.content).toBe('Hi.');
      // Translation has no place for these: only the provider's own body carries them.
      expect(data.system_fingerprint).toMatch(/^fp_/);
      expect(data.service_tier).toBe('default');
      expect(data.model).toBe('gpt-4o-2024-08-06');
      expect(await auditedCall(response.headers.get('x-request-id'))).toMatchObject({
        input_tokens: 9,
        output_tokens: 2,
        deployment: 'gpt-4o#0',
      });
    });

    it('streams the provider chunks, asks for usage upstream and hides the usage chunk the client did not ask for', async () => {
      fakes.openai.script({
        text: 'One two three.',
        chunks: ['One ', 'two ', 'three.'],
        usage: { input: 7, output: 3 },
      });
      const { data: stream, response } = await openai()
        .chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Count' }],
          stream: true,
        })
        .withResponse();
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);

      expect(fakes.openai.requests[0].body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('One two three.');
      expect(chunks.every((c) => c.choices.length === 1 && !c.usage)).toBe(true);
      expect(chunks.every((c) => c.system_fingerprint?.startsWith('fp_'))).toBe(true);
      expect(await auditedCall(response.headers.get('x-request-id'))).toMatchObject({
        input_tokens: 7,
        output_tokens: 3,
      });
    });

    it('passes the usage chunk to a client that asked for it', async () => {
      fakes.openai.script({ text: 'Done.', usage: { input: 4, output: 1 } });
      const stream = await openai().chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Go' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 4, completion_tokens: 1 } });
    });

    it('ends a stream the provider fails mid-way with the error event the SDK raises', async () => {
      fakes.openai.script({
        text: 'a b c d e f',
        chunks: ['a ', 'b ', 'c ', 'd ', 'e ', 'f'],
        fault: 'error-mid-stream',
        error: { status: 500, message: 'the fake broke' },
        faultAfterChunks: 3,
      });
      const stream = await openai().chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Go' }],
        stream: true,
      });
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
        })(),
      ).rejects.toThrow(/the fake broke/);
      expect(seen.join('')).toBe('a b ');
    });

    it('falls back before the first token to a provider of another format, translated there', async () => {
      fakes.openai.failNext(1, { error: { status: 500 } });
      fakes.anthropic.script({ text: 'From Claude.' });
      const { data, response } = await openai()
        .chat.completions.create({
          model: 'openai-then-claude',
          messages: [{ role: 'user', content: 'Hello' }],
          temperature: 0.25,
        })
        .withResponse();
      expect(response.headers.get('x-verosek-deployment')).toBe('openai-then-claude#1');
      expect(data.choices[0].message.content).toBe('From Claude.');
      expect(data.system_fingerprint).toBeUndefined();
      expect(fakes.openai.requests[0].body).toMatchObject({ model: 'gpt-4o-2024-08-06', temperature: 0.25 });
      expect(fakes.anthropic.requests[0].valid).toBe(true);
      expect(fakes.anthropic.requests[0].body).toMatchObject({
        model: 'claude-sonnet-4-5',
        temperature: 0.25,
      });
    });
  });

  describe('Anthropic SDK -> Anthropic', () => {
    const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0 });
    const cachedRequest = {
      model: 'claude',
      max_tokens: 64,
      system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
      messages: [
        {
          role: 'user' as const,
          content: [
            {
              type: 'text' as const,
              text: 'Hello',
              cache_control: { type: 'ephemeral' as const, ttl: '1h' as const },
            },
          ],
        },
      ],
    };

    it('keeps cache_control on system and message blocks, and the provider usage details', async () => {
      fakes.anthropic.script({ text: 'Hi.', usage: { input: 11, output: 2 } });
      const message = await anthropic().messages.create(cachedRequest);

      const [sent] = fakes.anthropic.requests;
      expect(sent.valid).toBe(true);
      expect(sent.body).toEqual({ ...cachedRequest, model: 'claude-sonnet-4-5' });
      expect(message.content).toEqual([{ type: 'text', text: 'Hi.' }]);
      expect(message.model).toBe('claude-sonnet-4-5');
      expect(message.usage).toMatchObject({ output_tokens: 2, service_tier: 'standard' });
      expect(message.usage.cache_creation).toEqual({
        ephemeral_5m_input_tokens: 0,
        ephemeral_1h_input_tokens: 0,
      });
    });

    it('streams the provider events as they come, metered from message_start and message_delta', async () => {
      fakes.anthropic.script({
        text: 'Streamed reply.',
        chunks: ['Streamed ', 'reply.'],
        usage: { input: 6, output: 4 },
      });
      const { data: stream, response } = await anthropic()
        .messages.create({ ...cachedRequest, stream: true })
        .withResponse();
      const types: string[] = [];
      let text = '';
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
          text += event.delta.text;
      }
      expect(fakes.anthropic.requests[0].body).toMatchObject({ system: cachedRequest.system, stream: true });
      expect(text).toBe('Streamed reply.');
      expect(types[0]).toBe('message_start');
      expect(types.at(-1)).toBe('message_stop');
      expect(await auditedCall(response.headers.get('x-request-id'))).toMatchObject({
        input_tokens: 6,
        output_tokens: 4,
      });
    });

    it("relays the provider's own overloaded event mid-stream so the SDK raises it", async () => {
      fakes.anthropic.script({
        text: 'a b c d',
        chunks: ['a ', 'b ', 'c ', 'd'],
        fault: 'error-mid-stream',
        error: { status: 529 },
        faultAfterChunks: 4,
      });
      const stream = await anthropic().messages.create({ ...cachedRequest, stream: true });
      await expect(
        (async () => {
          for await (const _ of stream);
        })(),
      ).rejects.toThrow(/overloaded/i);
    });
  });

  describe('Gemini SDK -> Gemini', () => {
    const safetySettings = [
      { category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_ONLY_HIGH },
    ];

    it('forwards safetySettings and returns modelVersion as the provider wrote them', async () => {
      fakes.gemini.script({ text: 'Hi.', usage: { input: 5, output: 2 } });
      const answer = await geminiClient(gateway.url, MASTER_KEY).models.generateContent({
        model: 'gemini',
        contents: 'Hello',
        config: { safetySettings },
      });
      const [sent] = fakes.gemini.requests;
      expect(sent.valid).toBe(true);
      expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
      expect(sent.body).toMatchObject({ safetySettings });
      expect(answer.text).toBe('Hi.');
      expect(answer.modelVersion).toBe('gemini-2.5-flash');
      expect(answer.usageMetadata).toMatchObject({ promptTokenCount: 5, candidatesTokenCount: 2 });
    });

    it('streams the provider SSE chunks through', async () => {
      fakes.gemini.script({
        text: 'Part one, part two.',
        chunks: ['Part one, ', 'part two.'],
        usage: { input: 3, output: 5 },
      });
      const stream = await geminiClient(gateway.url, MASTER_KEY).models.generateContentStream({
        model: 'gemini',
        contents: 'Hello',
        config: { safetySettings },
      });
      let text = '';
      const versions = new Set<string | undefined>();
      for await (const chunk of stream) {
        text += chunk.text ?? '';
        versions.add(chunk.modelVersion);
      }
      expect(fakes.gemini.requests[0].body).toMatchObject({ safetySettings });
      expect(text).toBe('Part one, part two.');
      expect([...versions]).toEqual(['gemini-2.5-flash']);
    });
  });
});

describe('same-format calls with Shield post on (the default policy): the prompt still goes untranslated', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({ yaml: threeProviderYaml(fakes) });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('keeps cache_control on a streamed Anthropic call while the answer is redacted', async () => {
    fakes.anthropic.script({
      text: 'Write to ann@example.com today.',
      chunks: ['Write to ann@exa', 'mple.com today.'],
    });
    const request = {
      model: 'claude',
      max_tokens: 64,
      system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: 'Who do I write to?' }],
      stream: true as const,
    };
    const stream = await new Anthropic({
      baseURL: gateway.url,
      apiKey: MASTER_KEY,
      maxRetries: 0,
    }).messages.create(request);
    let text = '';
    for await (const event of stream)
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;

    expect(fakes.anthropic.requests[0].valid).toBe(true);
    expect(fakes.anthropic.requests[0].body).toEqual({ ...request, model: 'claude-sonnet-4-5' });
    expect(text).toBe('Write to [REDACTED:EMAIL] today.');
  });

  it('forwards an OpenAI stream body untranslated and answers without the usage chunk it did not ask for', async () => {
    fakes.openai.script({ text: 'Mail bob@example.org now.', chunks: ['Mail bob@exam', 'ple.org now.'] });
    const stream = await new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: MASTER_KEY,
      maxRetries: 0,
    }).chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Who?' }],
      stream: true,
      logprobs: true,
      top_logprobs: 1,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(fakes.openai.requests[0].body).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      logprobs: true,
      top_logprobs: 1,
      stream_options: { include_usage: true },
    });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Mail [REDACTED:EMAIL] now.');
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
  });
});
