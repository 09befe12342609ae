import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { geminiSpec, openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, endpointsYaml } from './support/endpoints-harness';

describe('embeddings through the gateway (OpenAI and Gemini SDKs, OpenAI and Gemini providers)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let openai: OpenAI;
  let ai: GoogleGenAI;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({ yaml: endpointsYaml(fakes, 'shield:\n  pre: { pii: redact }\n') });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    ai = new GoogleGenAI({
      apiKey: MASTER_KEY,
      httpOptions: {
        baseUrl: gateway.url,
        fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init),
      } as never,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('passes a float batch through to OpenAI with the provider model, and records usage and cost', async () => {
    const { data, response } = await openai.embeddings
      .create({ model: 'embed-openai', input: ['first text', 'second text'], encoding_format: 'float' })
      .withResponse();

    expect(data.model).toBe('embed-openai');
    expect(data.data.map((d) => d.index)).toEqual([0, 1]);
    expect(data.data[0].embedding).toHaveLength(1536);
    expect(data.data[0].embedding).not.toEqual(data.data[1].embedding);
    expect(openaiSpec.validateResponse('CreateEmbeddingResponse', data).errors).toEqual([]);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    expect(sent.body).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['first text', 'second text'],
    });

    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({ model_group: 'embed-openai', provider: 'openai', status: 200 });
    expect(audit.input_tokens).toBe(data.usage.prompt_tokens);
    expect(audit.cost_usd).toBeCloseTo((data.usage.prompt_tokens * 0.02) / 1e6, 12);
  });

  it('answers base64 with dimensions, which the SDK decodes to the same floats', async () => {
    const b64 = await openai.embeddings.create({
      model: 'embed-openai',
      input: 'hello',
      dimensions: 8,
      encoding_format: 'base64',
    });
    const float = await openai.embeddings.create({
      model: 'embed-openai',
      input: 'hello',
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(typeof b64.data[0].embedding).toBe('string');
    const bytes = Buffer.from(b64.data[0].embedding as unknown as string, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toHaveLength(8);
    expect(decoded).toEqual(float.data[0].embedding.map((v) => Math.fround(v)));
    expect(openaiSpec.validateResponse('CreateEmbeddingResponse', b64).errors).toEqual([]);
    expect(fakes.openai.requests.every((r) => r.valid)).toBe(true);
  });

  it('gives the SDK its default (it asks for base64 and decodes floats)', async () => {
    const result = await openai.embeddings.create({ model: 'embed-openai', input: 'default format' });
    expect(Array.isArray(result.data[0].embedding)).toBe(true);
    expect(result.data[0].embedding).toHaveLength(1536);
  });

  it('serves the OpenAI SDK from a Gemini provider (batchEmbedContents), with estimated usage', async () => {
    const { data, response } = await openai.embeddings
      .create({
        model: 'embed-gemini',
        input: ['alpha', 'beta', 'gamma'],
        dimensions: 16,
        encoding_format: 'float',
      })
      .withResponse();
    expect(data.data).toHaveLength(3);
    expect(data.data.every((d) => d.embedding.length === 16)).toBe(true);
    expect(openaiSpec.validateResponse('CreateEmbeddingResponse', data).errors).toEqual([]);
    const [sent] = fakes.gemini.requests;
    expect(sent.valid).toBe(true);
    expect(sent.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(sent.body).toMatchObject({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'alpha' }] },
          outputDimensionality: 16,
        },
        { content: { parts: [{ text: 'beta' }] } },
        { content: { parts: [{ text: 'gamma' }] } },
      ],
    });
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({ provider: 'gemini', input_tokens: data.usage.prompt_tokens });
    expect(audit.cost_usd).toBeGreaterThan(0);
  });

  it('serves ai.models.embedContent from a Gemini provider (passthrough) and from an OpenAI provider', async () => {
    const fromGemini = await ai.models.embedContent({
      model: 'embed-gemini',
      contents: 'why is the sky blue',
      config: { outputDimensionality: 12 },
    });
    expect(fromGemini.embeddings?.[0].values).toHaveLength(12);
    expect(fakes.gemini.requests[0].valid).toBe(true);
    expect(fakes.gemini.requests[0].path).toMatch(
      /^\/v1beta\/models\/gemini-embedding-001:(batchEmbedContents|embedContent)$/,
    );

    const fromOpenAI = await ai.models.embedContent({
      model: 'embed-openai',
      contents: ['one', 'two'],
      config: { outputDimensionality: 5 },
    });
    expect(fromOpenAI.embeddings?.map((e) => e.values?.length)).toEqual([5, 5]);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    expect(sent.body).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['one', 'two'],
      dimensions: 5,
      encoding_format: 'float',
    });
    expect(
      geminiSpec.validateResponse('BatchEmbedContentsResponse', { embeddings: fromOpenAI.embeddings }).errors,
    ).toEqual([]);
  });

  it('redacts PII in the inputs before they reach the provider', async () => {
    await openai.embeddings.create({
      model: 'embed-openai',
      input: 'mail jane.roe@example.org today',
      encoding_format: 'float',
    });
    expect(JSON.stringify(fakes.openai.requests[0].body)).not.toContain('jane.roe@example.org');
    expect((fakes.openai.requests[0].body as { input: string }).input).toBe('mail [REDACTED:EMAIL] today');
  });

  it('refuses a model whose provider has no embeddings endpoint with a 400 naming both', async () => {
    const err = await openai.embeddings.create({ model: 'claude', input: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain('embeddings');
    expect((err as Error).message).toContain('anthropic');
    expect(fakes.anthropic.requests).toHaveLength(0);
  });

  it('names the bad field', async () => {
    const err = await openai.embeddings
      .create({ model: 'embed-openai', input: 'x', dimensions: -1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain('dimensions');
  });
});
