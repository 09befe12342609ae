import { ApiError, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import * as fs from 'node:fs';
import { FAKE_PNG } from '../fake/fake-png';
import type { FakeServer } from '../fake/fake-server';
import { geminiSpec } from '../specs/gemini-spec';
import { specPath } from '../specs/specs-dir';
import { FAKE_GEMINI_API_KEY, startFakeGemini } from './fake-gemini';

/**
 * Without a `fetch` of its own the SDK looks up Node's undici dispatcher on `globalThis`, which
 * jest's sandbox does not carry ("Undici globalDispatcher is not available"); handing it the
 * sandbox's fetch avoids that lookup. Outside jest the SDK needs nothing.
 */
const realmFetch: typeof fetch = (input, init) => fetch(input, init);

describe('fake Gemini driven by @google/genai', () => {
  let fake: FakeServer;
  let ai: GoogleGenAI;

  beforeAll(async () => {
    fake = await startFakeGemini();
    ai = new GoogleGenAI({
      apiKey: FAKE_GEMINI_API_KEY,
      httpOptions: { baseUrl: fake.baseUrl, fetch: realmFetch },
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const generate = (text: string, config = {}) =>
    ai.models.generateContent({ model: 'gemini-2.5-flash', contents: text, config });
  const collect = async (stream: AsyncGenerator<GenerateContentResponse>) => {
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  };

  it('answers by default quoting the last user message, and records the request with its key', async () => {
    const response = await generate('Why is the sky blue?');
    expect(response.text).toContain('Why is the sky blue?');
    expect(response.candidates![0].finishReason).toBe('STOP');
    expect(response.responseId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(response.usageMetadata!.totalTokenCount).toBe(
      response.usageMetadata!.promptTokenCount! + response.usageMetadata!.candidatesTokenCount!,
    );
    expect(fake.requests[0]).toMatchObject({
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      valid: true,
    });
    expect(fake.requests[0].headers['x-goog-api-key']).toBe(FAKE_GEMINI_API_KEY);
  });

  it('streams the scripted chunks over SSE with usage on every chunk and the finish reason last', async () => {
    fake.script({
      text: 'Rayleigh scattering.',
      chunks: ['Rayleigh', ' scattering', '.'],
      usage: { input: 9, output: 6 },
    });
    const chunks = await collect(
      await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'sky?' }),
    );
    expect(chunks.map((c) => c.text)).toEqual(['Rayleigh', ' scattering', '.']);
    expect(chunks.every((c) => c.usageMetadata?.promptTokenCount === 9)).toBe(true);
    expect(chunks.at(-1)!.candidates![0].finishReason).toBe('STOP');
    expect(chunks.at(-1)!.usageMetadata!.candidatesTokenCount).toBe(6);
    expect(fake.requests[0].query).toEqual({ alt: 'sse' });
  });

  it('frames SSE with CRLF and no [DONE], and answers a JSON array without alt=sse', async () => {
    const url = `${fake.baseUrl}/v1beta/models/gemini-2.5-flash:streamGenerateContent`;
    const init = {
      method: 'POST',
      headers: { 'x-goog-api-key': FAKE_GEMINI_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    };
    const sse = await (await fetch(`${url}?alt=sse`, init)).text();
    const events = sse.split('\r\n\r\n');
    expect(events.pop()).toBe('');
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) {
      expect(event.startsWith('data: ')).toBe(true);
      expect(geminiSpec.validateStreamChunk(JSON.parse(event.slice(6)))).toEqual({ valid: true, errors: [] });
    }
    const array = JSON.parse(await (await fetch(url, init)).text()) as unknown[];
    expect(array).toHaveLength(events.length);
  });

  it('returns parallel function calls with their args, plain and streamed', async () => {
    const toolCalls = [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_time', arguments: '{"zone":"CET"}' },
    ];
    fake.script({ toolCalls }, { toolCalls });
    const response = await generate('weather and time');
    expect(response.functionCalls).toEqual([
      { name: 'get_weather', args: { city: 'Paris' } },
      { name: 'get_time', args: { zone: 'CET' } },
    ]);
    const chunks = await collect(
      await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'again' }),
    );
    expect(chunks.flatMap((c) => c.functionCalls ?? []).map((c) => c.name)).toEqual([
      'get_weather',
      'get_time',
    ]);
  });

  it('returns thought parts, a thought signature and thoughtsTokenCount', async () => {
    const thinking = { text: 'Sum of 1..100 is 100*101/2.', signature: 'not base64!' };
    fake.script({ text: '5050', thinking }, { text: '5050', thinking });
    const response = await generate('sum 1..100', { thinkingConfig: { includeThoughts: true } });
    const parts = response.candidates![0].content!.parts!;
    expect(parts[0]).toEqual({ text: thinking.text, thought: true });
    expect(parts[1].text).toBe('5050');
    expect(Buffer.from(parts[1].thoughtSignature!, 'base64').toString()).toBe('not base64!');
    expect(response.usageMetadata!.thoughtsTokenCount).toBeGreaterThan(0);
    const chunks = await collect(
      await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'again' }),
    );
    const streamedParts = chunks.flatMap((c) => c.candidates![0].content!.parts!);
    expect(
      streamedParts
        .filter((p) => p.thought)
        .map((p) => p.text)
        .join(''),
    ).toBe(thinking.text);
    expect(streamedParts.filter((p) => p.thoughtSignature)).toHaveLength(1);
  });

  it.each([
    [429, 'RESOURCE_EXHAUSTED'],
    [500, 'INTERNAL'],
    [503, 'UNAVAILABLE'],
  ])('raises ApiError with status %i for a scripted error (%s)', async (status, code) => {
    fake.script({ error: { status, retryAfter: status === 429 ? 17 : undefined } });
    const error = (await generate('x').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(status);
    expect(error.message).toContain(code);
    if (status === 429) expect(error.message).toContain('"retryDelay":"17s"');
  });

  it('raises ApiError mid-stream on an error event after the first chunks', async () => {
    fake.script({
      text: 'a b c d e',
      fault: 'error-mid-stream',
      faultAfterChunks: 2,
      error: { status: 503 },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of await ai.models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'x',
      }))
        seen.push(chunk.text ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(seen).toHaveLength(2);
  });

  it('fails on a connection reset mid-stream', async () => {
    fake.script({ text: 'a b c d e', fault: 'reset-mid-stream', faultAfterChunks: 1 });
    const seen: string[] = [];
    const failure = (async () => {
      for await (const chunk of await ai.models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'x',
      }))
        seen.push(chunk.text ?? '');
    })();
    await expect(failure).rejects.toThrow();
    expect(seen.length).toBeLessThanOrEqual(1);
  });

  it('answers a wrong key as the live API does (400 API_KEY_INVALID), a missing one with 403, and ?key= works', async () => {
    const wrong = new GoogleGenAI({
      apiKey: 'wrong',
      httpOptions: { baseUrl: fake.baseUrl, fetch: realmFetch },
    });
    const error = (await wrong.models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'x' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('API_KEY_INVALID');
    const body = JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] });
    const url = `${fake.baseUrl}/v1beta/models/gemini-2.5-flash:generateContent`;
    const missing = await fetch(url, { method: 'POST', body });
    expect(missing.status).toBe(403);
    expect(geminiSpec.validateError(await missing.json())).toEqual({ valid: true, errors: [] });
    expect((await fetch(`${url}?key=${FAKE_GEMINI_API_KEY}`, { method: 'POST', body })).status).toBe(200);
  });

  it('rejects a body the protos reject with 400 INVALID_ARGUMENT naming the field', async () => {
    const res = await fetch(`${fake.baseUrl}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': FAKE_GEMINI_API_KEY },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { temprature: 1 } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: {
        status: string;
        message: string;
        details: Array<{ fieldViolations: Array<{ field: string }> }>;
      };
    };
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.message).toContain("'temprature'");
    expect(body.error.details[0].fieldViolations[0].field).toBe('generationConfig');
    expect(fake.requests[0].valid).toBe(false);
  });

  it('counts tokens and lists models', async () => {
    const count = await ai.models.countTokens({
      model: 'gemini-2.5-flash',
      contents: 'The quick brown fox jumps over the lazy dog.',
    });
    expect(count.totalTokens).toBeGreaterThan(0);
    const pager = await ai.models.list();
    const names = [];
    for await (const model of pager) names.push(model.name);
    expect(names).toContain('models/gemini-2.5-flash');
  });

  it('embeds one content and a batch deterministically, with outputDimensionality', async () => {
    const one = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: 'alpha',
      config: { outputDimensionality: 32 },
    });
    expect(one.embeddings![0].values).toHaveLength(32);
    const batch = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['alpha', 'beta'],
      config: { outputDimensionality: 32 },
    });
    expect(batch.embeddings!.map((e) => e.values)).toEqual([one.embeddings![0].values, expect.any(Array)]);
    expect(batch.embeddings![1].values).not.toEqual(one.embeddings![0].values);
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    ]);
    const res = await fetch(`${fake.baseUrl}/v1beta/models/gemini-embedding-001:embedContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': FAKE_GEMINI_API_KEY },
      body: JSON.stringify({ content: { parts: [{ text: 'alpha' }] }, outputDimensionality: 32 }),
    });
    const body = (await res.json()) as { embedding: { values: number[] } };
    expect(body.embedding.values).toEqual(one.embeddings![0].values);
    expect(geminiSpec.validateResponse('EmbedContentResponse', body)).toEqual({ valid: true, errors: [] });
    expect(fake.requests.every((r) => r.valid)).toBe(true);
  });

  it('generates Imagen images through :predict (sampleCount PNGs) and validates the parameters', async () => {
    // The SDK sends :predict only to Vertex now; the Gemini API still serves it over REST.
    const predict = (body: unknown) =>
      fetch(`${fake.baseUrl}/v1beta/models/imagen-4.0-generate-001:predict`, {
        method: 'POST',
        headers: { 'x-goog-api-key': FAKE_GEMINI_API_KEY },
        body: JSON.stringify(body),
      });
    const res = await predict({
      instances: [{ prompt: 'a red fox' }],
      parameters: { sampleCount: 2, aspectRatio: '16:9', personGeneration: 'allow_adult' },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      predictions: Array<{ bytesBase64Encoded: string; mimeType: string }>;
    };
    expect(answer.predictions).toHaveLength(2);
    expect(answer.predictions[0].mimeType).toBe('image/png');
    expect(Buffer.from(answer.predictions[0].bytesBase64Encoded, 'base64')).toEqual(FAKE_PNG);
    expect(geminiSpec.validateResponse('PredictResponse', answer).errors).toEqual([]);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1beta/models/imagen-4.0-generate-001:predict',
      valid: true,
    });

    for (const [body, where] of [
      [{ parameters: {} }, "'instances'"],
      [{ instances: [{ prompt: 'x' }], parameters: { sampleCount: 5 } }, '/parameters/sampleCount'],
      [{ instances: [{ prompt: 'x' }], parameters: { aspectRatio: '2:1' } }, '/parameters/aspectRatio'],
      [{ instances: [{ text: 'x' }] }, '/instances/0/prompt'],
      [{ instances: [{ prompt: 'x' }], parameters: 'big' }, '/parameters'],
    ] as const) {
      const refused = await predict(body);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(where);
    }
  });

  it('answers an image part on generateContent when asked for IMAGE output, from image models only', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: 'a red fox',
      config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '3:2' } },
    });
    const parts = response.candidates![0].content!.parts!;
    const image = parts.find((p) => p.inlineData)!.inlineData!;
    expect(image.mimeType).toBe('image/png');
    expect(Buffer.from(image.data!, 'base64')).toEqual(FAKE_PNG);
    expect(response.usageMetadata!.candidatesTokensDetails).toContainEqual({
      modality: 'IMAGE',
      tokenCount: 1290,
    });
    expect(fake.requests[0].valid).toBe(true);

    const refused = await ai.models
      .generateContent({
        model: 'gemini-2.5-flash',
        contents: 'a red fox',
        config: { responseModalities: ['TEXT', 'IMAGE'] },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(400);
  });

  it('answers an image part to an edit: the image to work from as inlineData, then the prompt', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: FAKE_PNG.toString('base64') } },
            { text: 'put a hat on it' },
          ],
        },
      ],
      config: { responseModalities: ['TEXT', 'IMAGE'] },
    });
    const image = response.candidates![0].content!.parts!.find((p) => p.inlineData)!.inlineData!;
    expect(Buffer.from(image.data!, 'base64')).toEqual(FAKE_PNG);
    expect(fake.requests[0].valid).toBe(true);
    expect(fake.requests[0].body).toMatchObject({
      contents: [
        { parts: [{ inlineData: { data: FAKE_PNG.toString('base64') } }, { text: 'put a hat on it' }] },
      ],
    });
  });

  it('accepts every recorded SDK request (the v1alpha one at its v1beta path)', async () => {
    const dir = specPath('gemini', 'fixtures', 'recorded-http');
    let sent = 0;
    for (const file of fs.readdirSync(dir)) {
      const { interactions } = JSON.parse(fs.readFileSync(`${dir}/${file}`, 'utf8')) as {
        interactions: Array<{ request: { url: string; bodySegments: unknown[] } }>;
      };
      for (const { request } of interactions) {
        const url = request.url.replace('/v1alpha/', '/v1beta/');
        const res = await fetch(`${fake.baseUrl}${url}`, {
          method: 'POST',
          headers: { 'x-goog-api-key': FAKE_GEMINI_API_KEY, 'content-type': 'application/json' },
          body: JSON.stringify(request.bodySegments[0]),
        });
        await res.text();
        expect({ file, status: res.status }).toEqual({ file, status: 200 });
        sent++;
      }
    }
    expect(sent).toBe(21);
    expect(fake.requests.every((r) => r.valid)).toBe(true);
  });
});
