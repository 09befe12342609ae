import OpenAI, { toFile } from 'openai';
import { FAKE_GEMINI_API_KEY, openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, endpointsYaml } from './support/endpoints-harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The bytes start with PNG's signature and are the fake's image. */
function expectPng(b64: string | undefined): void {
  const bytes = Buffer.from(b64 ?? '', 'base64');
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes).toEqual(PNG);
}

/** A group of its own for the 429, so the cooldown it starts touches no other test. */
const BUSY_IMAGEN = `
  - name: imagen-busy
    deployments:
      - { provider: gemini, model: imagen-4.0-generate-001, api_base: "$GEMINI", api_key: ${FAKE_GEMINI_API_KEY} }
`;

describe('images through the gateway (OpenAI SDK, OpenAI and Gemini providers)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    fakes = await startFakes();
    const busy = BUSY_IMAGEN.replace('$GEMINI', fakes.gemini.baseUrl);
    gateway = await startGateway({
      yaml: endpointsYaml(fakes, `${busy}shield:\n  pre: { pii: redact }\n`),
    });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.close();
  });
  beforeEach(() => fakes.reset());

  it('generates with dall-e-2 (URLs) through the provider model', async () => {
    const data = await openai.images.generate({
      model: 'dall-e-2',
      prompt: 'a red fox',
      n: 2,
      size: '256x256',
    });
    expect(data.data).toHaveLength(2);
    expect(data.data![0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/images\/files\//);
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    expect(fakes.openai.requests[0].valid).toBe(true);
    expect(fakes.openai.requests[0].body).toMatchObject({ model: 'dall-e-2', prompt: 'a red fox', n: 2 });
  });

  it('generates with gpt-image-1 (base64) and records its token usage and cost', async () => {
    const { data, response } = await openai.images
      .generate({ model: 'gpt-image-1', prompt: 'a lighthouse' })
      .withResponse();
    expect(Buffer.from(data.data![0].b64_json!, 'base64')).toEqual(PNG);
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({ input_tokens: 10, output_tokens: 100 });
    expect(audit.cost_usd).toBeCloseTo((10 * 5 + 100 * 40) / 1e6, 12);
  });

  it('edits an uploaded image (file part before the model), the prompt through the Shield', async () => {
    const data = await openai.images.edit({
      image: await toFile(PNG, 'fox.png', { type: 'image/png' }),
      prompt: 'add a hat, then mail it to jane.roe@example.org',
      model: 'dall-e-2',
      response_format: 'b64_json',
    });
    expect(data.data![0].b64_json).toBe(PNG.toString('base64'));
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    const form = sent.body as {
      fields: Record<string, string>;
      files: Array<{ field: string; filename: string; size: number }>;
    };
    expect(form.fields).toMatchObject({
      model: 'dall-e-2',
      prompt: 'add a hat, then mail it to [REDACTED:EMAIL]',
    });
    expect(form.files).toEqual([
      expect.objectContaining({ field: 'image', filename: 'fox.png', size: PNG.length }),
    ]);
  });

  it('makes variations of an uploaded image', async () => {
    const data = await openai.images.createVariation({
      image: await toFile(PNG, 'fox.png', { type: 'image/png' }),
      n: 3,
      model: 'dall-e-2',
    });
    expect(data.data).toHaveLength(3);
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    expect(fakes.openai.requests[0].valid).toBe(true);
    expect(fakes.openai.requests[0].path).toBe('/v1/images/variations');
  });

  it('generates with Imagen on Gemini (:predict): n as sampleCount, size as the nearest aspect ratio', async () => {
    const { data, response } = await openai.images
      .generate({ model: 'imagen', prompt: 'a red fox', n: 2, size: '1792x1024' })
      .withResponse();
    expect(data.data).toHaveLength(2);
    data.data!.forEach((image) => expectPng(image.b64_json));
    expect(data.output_format).toBe('png');
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    const [sent] = fakes.gemini.requests;
    expect(sent.valid).toBe(true);
    expect(sent.path).toBe('/v1beta/models/imagen-4.0-generate-001:predict');
    expect(sent.body).toEqual({
      instances: [{ prompt: 'a red fox' }],
      parameters: { sampleCount: 2, aspectRatio: '16:9' },
    });
    expect(response.headers.get('x-verosek-deployment')).toBeTruthy();
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({
      model_group: 'imagen',
      provider: 'gemini',
      status: 200,
    });
  });

  it('generates with a Gemini image model (:generateContent), the prompt through the Shield, with token usage and cost', async () => {
    const { data, response } = await openai.images
      .generate({ model: 'gemini-image', prompt: 'a fox mailing jane.roe@example.org', size: '1024x1536' })
      .withResponse();
    expect(data.data).toHaveLength(1);
    expectPng(data.data![0].b64_json);
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    const [sent] = fakes.gemini.requests;
    expect(sent.valid).toBe(true);
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
    expect(sent.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'a fox mailing [REDACTED:EMAIL]' }] }],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '2:3' } },
    });
    const usage = data.usage!;
    expect(usage.output_tokens).toBeGreaterThanOrEqual(1290);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    expect(audit).toMatchObject({
      provider: 'gemini',
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
    });
    expect(audit.cost_usd).toBeCloseTo((usage.input_tokens * 0.3 + usage.output_tokens * 30) / 1e6, 12);
  });

  it('edits with a Gemini image model: the upload as inlineData, the prompt through the Shield, with usage and cost', async () => {
    const { data, response } = await openai.images
      .edit({
        model: 'gemini-image',
        image: await toFile(PNG, 'in.png', { type: 'image/png' }),
        prompt: 'add a hat, then mail it to jane.roe@example.org',
      })
      .withResponse();
    expect(data.data).toHaveLength(1);
    expectPng(data.data![0].b64_json);
    expect(openaiSpec.validateResponse('ImagesResponse', data).errors).toEqual([]);
    const [sent] = fakes.gemini.requests;
    expect(sent.valid).toBe(true);
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
    expect(sent.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } },
            { text: 'add a hat, then mail it to [REDACTED:EMAIL]' },
          ],
        },
      ],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'] },
    });
    const audit = await auditOf(gateway, response.headers.get('x-request-id')!);
    const usage = data.usage!;
    expect(audit).toMatchObject({
      model_group: 'gemini-image',
      provider: 'gemini',
      status: 200,
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
    });
    expect(audit.cost_usd).toBeCloseTo((usage.input_tokens * 0.3 + usage.output_tokens * 30) / 1e6, 12);
  });

  it('refuses a mask for a Gemini image model with a 400 naming mask, before any upstream call', async () => {
    const err = await openai.images
      .edit({
        model: 'gemini-image',
        image: await toFile(PNG, 'in.png', { type: 'image/png' }),
        mask: await toFile(PNG, 'mask.png', { type: 'image/png' }),
        prompt: 'add a hat',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('mask');
    expect((err as Error).message).toContain("'mask'");
    expect(fakes.gemini.requests).toHaveLength(0);
  });

  it.each([
    ['variations', 'gemini-image'],
    ['edits', 'imagen'],
  ])(
    'refuses images.%s for %s (Gemini has no such method) with a 400 naming the endpoint and provider',
    async (name, model) => {
      const image = await toFile(PNG, 'in.png', { type: 'image/png' });
      const err = await (
        name === 'edits'
          ? openai.images.edit({ model, image, prompt: 'add a hat' })
          : openai.images.createVariation({ model, image })
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect((err as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('unsupported_endpoint');
      expect((err as Error).message).toContain(`images.${name}`);
      expect((err as Error).message).toContain('gemini');
      expect(fakes.gemini.requests).toHaveLength(0);
    },
  );

  it.each([
    ['imagen', { n: 5 }, 'n'],
    ['gemini-image', { n: 2 }, 'n'],
    ['imagen', { response_format: 'url' as const }, 'response_format'],
    ['gemini-image', { size: 'huge' }, 'size'],
  ])('refuses what %s cannot serve (%j) with a 400 naming the field', async (model, extra, field) => {
    const err = await openai.images
      .generate({ model, prompt: 'a red fox', ...extra } as OpenAI.ImageGenerateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(field);
    expect((err as Error).message).toContain(`'${field}'`);
    expect(fakes.gemini.requests).toHaveLength(0);
  });

  it("answers Gemini's 429 as the SDK's RateLimitError", async () => {
    fakes.gemini.script({ error: { status: 429, retryAfter: 3 } });
    const err = await openai.images
      .generate({ model: 'imagen-busy', prompt: 'a red fox' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(fakes.gemini.requests[0].path).toBe('/v1beta/models/imagen-4.0-generate-001:predict');
  });

  it('refuses a model whose provider has no image endpoint, naming the endpoint and provider', async () => {
    const err = await openai.images.generate({ model: 'claude', prompt: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain('images.generations');
    expect((err as Error).message).toContain('anthropic');
  });

  it('answers a non-multipart edit body with a 400, and an unauthenticated upload with a 401', async () => {
    const notMultipart = await openai.images
      .edit(
        { image: await toFile(PNG, 'a.png', { type: 'image/png' }), prompt: 'x' },
        { headers: { 'content-type': 'application/json' } },
      )
      .catch((e: unknown) => e);
    expect(notMultipart).toBeInstanceOf(OpenAI.APIError);
    expect((notMultipart as InstanceType<typeof OpenAI.APIError>).status).toBe(400);

    const stranger = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    const err = await stranger.images
      .createVariation({ image: await toFile(PNG, 'a.png', { type: 'image/png' }) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(fakes.openai.requests).toHaveLength(0);
  });
});
