import OpenAI, { toFile } from 'openai';
import { openaiSpec } from '@verosek/testing';
import { Readable } from 'node:stream';
import { request } from 'undici';
import type { Fakes, RunningGateway } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway } from '../harness/gateway-harness';
import { endpointsYaml } from './support/endpoints-harness';

const MB = 1024 * 1024;
const BOUNDARY = 'audio-test-boundary';

/** A multipart transcription upload of `bytes` zero bytes, generated as it is sent (never held whole). */
function streamedUpload(bytes: number): { body: Readable; length: number } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="long.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(
    `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--${BOUNDARY}--\r\n`,
  );
  const chunk = Buffer.alloc(64 * 1024);
  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    for (let sent = 0; sent < bytes; sent += chunk.length)
      yield chunk.subarray(0, Math.min(chunk.length, bytes - sent));
    yield tail;
  }
  return { body: Readable.from(parts()), length: head.length + bytes + tail.length };
}

function upload(gateway: RunningGateway, bytes: number) {
  const { body, length } = streamedUpload(bytes);
  return request(`${gateway.url}/v1/audio/transcriptions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${MASTER_KEY}`,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': String(length),
    },
    body,
  });
}

describe('audio through the gateway (OpenAI SDK, OpenAI provider)', () => {
  let fakes: Fakes;
  let gateway: RunningGateway;
  let openai: OpenAI;
  const audio = () => toFile(Buffer.alloc(4000, 1), 'hello.mp3', { type: 'audio/mpeg' });

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

  it('transcribes an uploaded file as json, checked against the spec, the prompt through the Shield', async () => {
    fakes.openai.script({ text: 'Hello world.' });
    const result = await openai.audio.transcriptions.create({
      file: await audio(),
      model: 'whisper-1',
      prompt: 'Speaker is jane.roe@example.org',
    });
    expect(result.text).toBe('Hello world.');
    expect(openaiSpec.validateResponse('CreateTranscriptionResponseJson', result).errors).toEqual([]);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    const form = sent.body as {
      fields: Record<string, string>;
      files: Array<{ size: number; filename: string }>;
    };
    expect(form.fields).toMatchObject({ model: 'whisper-1', prompt: 'Speaker is [REDACTED:EMAIL]' });
    expect(form.files).toEqual([expect.objectContaining({ filename: 'hello.mp3', size: 4000 })]);
  });

  it.each(['text', 'srt', 'vtt'] as const)('relays a %s transcript as text', async (format) => {
    fakes.openai.script({ text: 'one two three four five six seven' });
    const text = (await openai.audio.transcriptions.create({
      file: await audio(),
      model: 'whisper-1',
      response_format: format,
    })) as unknown as string;
    expect(typeof text).toBe('string');
    expect(text).toContain('one two three');
    if (format === 'srt') expect(text).toMatch(/^1\n00:00:00,000 --> /);
    if (format === 'vtt') expect(text).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
    expect(fakes.openai.requests[0].valid).toBe(true);
  });

  it('relays verbose_json with segments, valid against the spec', async () => {
    const result = await openai.audio.transcriptions.create({
      file: await audio(),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    });
    expect(result.segments?.length).toBeGreaterThan(0);
    expect(openaiSpec.validateResponse('CreateTranscriptionResponseVerboseJson', result).errors).toEqual([]);
    expect(fakes.openai.requests[0].valid).toBe(true);
  });

  it('translates an uploaded file', async () => {
    fakes.openai.script({ text: 'Good morning.' });
    const result = await openai.audio.translations.create({ file: await audio(), model: 'whisper-1' });
    expect(result.text).toBe('Good morning.');
    expect(openaiSpec.validateResponse('CreateTranslationResponseJson', result).errors).toEqual([]);
    expect(fakes.openai.requests[0].path).toBe('/v1/audio/translations');
    expect(fakes.openai.requests[0].valid).toBe(true);
  });

  it('streams speech back as the provider sends it (bytes read by the SDK)', async () => {
    const response = await openai.audio.speech.create({
      model: 'tts-1',
      voice: 'alloy',
      input: 'Hello there',
      response_format: 'wav',
    });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString()).toBe('WAVE');
    expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
    expect(fakes.openai.requests[0].valid).toBe(true);
    expect(fakes.openai.requests[0].body).toMatchObject({
      model: 'tts-1',
      input: 'Hello there',
      voice: 'alloy',
    });
  });

  it('streams a 25 MB upload through with flat memory (RSS growth well below the upload size)', async () => {
    const size = 25 * 1000 * 1000;
    // Warm the path up first (JIT, heap, socket and file-stream pools): growth is measured in steady state.
    for (let i = 0; i < 3; i++) await (await upload(gateway, 10 * MB)).body.text();
    fakes.reset();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const answer = await upload(gateway, size);
      expect(answer.statusCode).toBe(200);
      expect(((await answer.body.json()) as { text: string }).text).toContain(`${size} bytes`);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const [sent] = fakes.openai.requests;
    expect(sent.valid).toBe(true);
    expect((sent.body as { files: Array<{ size: number }> }).files[0].size).toBe(size);
    expect(peak - baseline).toBeLessThan(15 * MB);
  });

  it('refuses an upload past the 25 MB audio limit with a 413', async () => {
    const answer = await upload(gateway, 25 * MB + 1);
    expect(answer.statusCode).toBe(413);
    expect(((await answer.body.json()) as { error: { message: string } }).error.message).toContain(
      'larger than',
    );
    expect(fakes.openai.requests).toHaveLength(0);
  });

  it('refuses an upload without a file, naming the field', async () => {
    const err = await openai.audio.transcriptions
      .create({ model: 'whisper-1' } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain("'file'");
  });
});
