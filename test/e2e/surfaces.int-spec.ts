import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { geminiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../harness/gateway-harness';

/** Surface details the SDK matrix does not reach: other auth placements, framings and token counting. */
describe('surface details', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fakes = await startFakes();
    // Extra YAML continues the models list (a deployment with a key the provider refuses), then Shield.
    const badKey = `  - name: gemini-bad-key\n    deployments:\n      - { provider: gemini, model: gemini-2.5-flash, api_base: "${fakes.gemini.baseUrl}", api_key: wrong }\n`;
    gateway = await startGateway({
      yaml: threeProviderYaml(fakes, `${badKey}shield:\n  post: { pii: off, secrets: off }\n`),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('streams Gemini as a JSON array without alt=sse, authenticated by ?key=', async () => {
    fakes.openai.script({ text: 'alpha beta gamma', chunks: ['alpha', ' beta', ' gamma'] });
    const res = await fetch(`${gateway.url}/v1beta/models/gpt-4o:streamGenerateContent?key=${MASTER_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'three words' }] }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const chunks = JSON.parse(await res.text()) as {
      candidates?: { content?: { parts?: { text?: string }[] } }[];
    }[];
    expect(Array.isArray(chunks)).toBe(true);
    for (const chunk of chunks) expect(geminiSpec.validateStreamChunk(chunk).errors).toEqual([]);
    const text = chunks
      .flatMap((c) => c.candidates?.[0]?.content?.parts ?? [])
      .map((p) => p.text ?? '')
      .join('');
    expect(text).toBe('alpha beta gamma');
  });

  it('accepts the Anthropic key as x-api-key and passes anthropic-beta through to Anthropic', async () => {
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': MASTER_KEY,
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'interleaved-thinking-2025-05-14',
      },
      body: JSON.stringify({ model: 'claude', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(fakes.anthropic.requests[0].headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
  });

  it('answers an Anthropic error in Anthropic format when the key is wrong', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'wrong', maxRetries: 0 });
    const err = await anthropic.messages
      .create({ model: 'claude', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((err as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
  });

  it("answers a provider refusing the gateway's own key as 502 upstream_auth_failed, not the caller's 4xx", async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    const err = await openai.chat.completions
      .create({ model: 'gemini-bad-key', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_auth_failed');
    // The fake really answered the way Gemini does: 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
    expect(fakes.gemini.requests).toHaveLength(1);
  });

  it('counts tokens for Anthropic and Gemini callers, whatever provider serves the model', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0 });
    const short = await anthropic.messages.countTokens({
      model: 'gemini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const long = await anthropic.messages.countTokens({
      model: 'gemini',
      messages: [
        {
          role: 'user',
          content: 'a much longer message that certainly has more tokens in it than the first',
        },
      ],
    });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);

    const ai = new GoogleGenAI({
      apiKey: MASTER_KEY,
      httpOptions: {
        baseUrl: gateway.url,
        fetch: (i: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(i, init),
      } as never,
    });
    const counted = await ai.models.countTokens({ model: 'claude', contents: 'hi' });
    expect(counted.totalTokens).toBe(short.input_tokens);
    expect(fakes.anthropic.requests).toHaveLength(0);
    expect(fakes.gemini.requests).toHaveLength(0);
  });
});
