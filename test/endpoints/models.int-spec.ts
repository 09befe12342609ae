import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { anthropicSpec, openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../harness/gateway-harness';

describe('model listing in each SDK format, filtered by what the key may use', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let limitedKey: string;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({ yaml: threeProviderYaml(fakes) });
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'claude-only', ttl_seconds: 3600, models: ['claude', 'gemini'] }),
    });
    expect(created.status).toBe(201);
    limitedKey = ((await created.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });

  const gemini = (apiKey: string) =>
    new GoogleGenAI({
      apiKey,
      httpOptions: {
        baseUrl: gateway.url,
        fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init),
      } as never,
    });

  it('OpenAI client.models.list: every group for the master key, only the allowed ones for a limited key', async () => {
    const all = await new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: MASTER_KEY,
      maxRetries: 0,
    }).models.list();
    expect(all.data.map((m) => m.id)).toEqual(['gpt-4o', 'claude', 'gemini']);
    expect(
      openaiSpec.validateResponse('ListModelsResponse', { object: 'list', data: all.data }).errors,
    ).toEqual([]);
    const limited = await new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: limitedKey,
      maxRetries: 0,
    }).models.list();
    expect(limited.data.map((m) => m.id)).toEqual(['claude', 'gemini']);
  });

  it('anthropic.models.list in the Anthropic format', async () => {
    const page = await new Anthropic({
      baseURL: gateway.url,
      apiKey: limitedKey,
      maxRetries: 0,
    }).models.list();
    expect(page.data.map((m) => m.id)).toEqual(['claude', 'gemini']);
    for (const model of page.data) {
      expect(model.type).toBe('model');
      expect(anthropicSpec.validateResponse('ModelInfo', model).errors).toEqual([]);
    }
  });

  it('ai.models.list in the Gemini format', async () => {
    const names: string[] = [];
    for await (const model of await gemini(limitedKey).models.list()) names.push(model.name ?? '');
    expect(names).toEqual(['models/claude', 'models/gemini']);
  });

  it('refuses a wrong key in the caller SDK format', async () => {
    const err = await new Anthropic({ baseURL: gateway.url, apiKey: 'nope', maxRetries: 0 }).models
      .list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
  });
});
