import OpenAI, { toFile } from 'openai';
import { openaiSpec } from '@verosek/testing';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { auditOf, endpointsYaml } from './support/endpoints-harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('images through the gateway (OpenAI SDK, OpenAI provider)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    fakes = await startFakes();
    gateway = await startGateway({ yaml: endpointsYaml(fakes, 'shield:\n  pre: { pii: redact }\n') });
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
