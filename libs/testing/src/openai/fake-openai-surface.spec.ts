import OpenAI, { toFile } from 'openai';
import type { FakeServer } from '../fake/fake-server';
import { openaiSpec } from '../specs/openai-spec';
import { parseSse } from '../sse/parse-sse';
import { FAKE_OPENAI_API_KEY, startFakeOpenAI } from './fake-openai';
import { FAKE_PNG } from '../fake/fake-png';

/** The rest of the OpenAI surface, driven by the SDK; every JSON answer is also checked against the spec. */
describe('fake OpenAI beyond chat', () => {
  let fake: FakeServer;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    client = new OpenAI({ apiKey: FAKE_OPENAI_API_KEY, baseURL: fake.baseUrl, maxRetries: 0 });
  });
  afterEach(() => {
    expect(fake.requests.every((r) => r.valid)).toBe(true);
    fake.reset();
  });
  afterAll(() => fake.close());

  const raw = async (path: string, body: unknown) => {
    const res = await fetch(`${fake.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_OPENAI_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res;
  };

  describe('legacy completions', () => {
    it('answers plain and streamed, quoting the prompt', async () => {
      const completion = await client.completions.create({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Say this is a test',
      });
      expect(completion.choices[0].text).toContain('Say this is a test');
      expect(openaiSpec.validateResponse('CreateCompletionResponse', completion)).toEqual({
        valid: true,
        errors: [],
      });
      fake.script({ text: 'a b c', chunks: ['a', ' b', ' c'] });
      const stream = await client.completions.create({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'x',
        stream: true,
      });
      const texts: string[] = [];
      for await (const chunk of stream) texts.push(chunk.choices[0]?.text ?? '');
      expect(texts.join('')).toBe('a b c');
    });
  });

  describe('responses', () => {
    it('answers with a Response holding reasoning, message and function call items', async () => {
      fake.script({
        text: 'Calling.',
        thinking: { text: 'Need the weather.', signature: 'enc' },
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
      });
      const response = await client.responses.create({
        model: 'gpt-4.1',
        input: 'weather in Oslo?',
        include: ['reasoning.encrypted_content'],
      });
      expect(response.id).toMatch(/^resp_/);
      expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call']);
      expect(response.output_text).toBe('Calling.');
      const call = response.output.find(
        (item) => item.type === 'function_call',
      ) as OpenAI.Responses.ResponseFunctionToolCall;
      expect(JSON.parse(call.arguments)).toEqual({ city: 'Oslo' });
      expect(response.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
      expect(openaiSpec.validateResponse('Response', response)).toEqual({ valid: true, errors: [] });
    });

    it('streams typed events with event: lines that validate as ResponseStreamEvent', async () => {
      fake.script({
        text: 'Hello there',
        thinking: { text: 'Greeting.', signature: 's' },
        toolCalls: [{ name: 'f', arguments: { a: 1 } }],
      });
      const res = await raw('/responses', {
        model: 'gpt-4.1',
        input: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      const events = parseSse(await res.text());
      for (const [i, event] of events.entries()) {
        const data = JSON.parse(event.data);
        expect(data.type).toBe(event.event);
        expect(data.sequence_number).toBe(i);
        expect({
          event: event.event,
          ...openaiSpec.validateStreamChunk(data, 'ResponseStreamEvent'),
        }).toEqual({ event: event.event, valid: true, errors: [] });
      }
      expect(events[0].event).toBe('response.created');
      expect(events.at(-1)!.event).toBe('response.completed');
      expect(events.map((e) => e.event)).toEqual(
        expect.arrayContaining([
          'response.output_text.delta',
          'response.function_call_arguments.delta',
          'response.reasoning_summary_text.delta',
        ]),
      );
    });

    it('is read by the SDK stream helper', async () => {
      fake.script({ text: 'one two three' });
      const stream = client.responses.stream({ model: 'gpt-4.1', input: 'x' });
      const deltas: string[] = [];
      stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
      const final = await stream.finalResponse();
      expect(deltas.join('')).toBe('one two three');
      expect(final.output_text).toBe('one two three');
    });

    it('ends a stream failing mid-way with an error event and response.failed', async () => {
      fake.script({
        text: 'one two three',
        fault: 'error-mid-stream',
        faultAfterChunks: 3,
        error: { status: 500 },
      });
      const stream = await client.responses.create({ model: 'gpt-4.1', input: 'x', stream: true });
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      for await (const event of stream) events.push(event);
      expect(events.map((e) => e.type)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'error',
        'response.failed',
      ]);
      const failed = events.at(-1) as OpenAI.Responses.ResponseFailedEvent;
      expect(failed.response.error).toMatchObject({ code: 'server_error' });
      for (const event of events)
        expect(openaiSpec.validateStreamChunk(event, 'ResponseStreamEvent')).toEqual({
          valid: true,
          errors: [],
        });
    });

    it('reports a max-tokens stop as incomplete', async () => {
      fake.script({ text: 'cut', stopReason: 'max_tokens' });
      const response = await client.responses.create({ model: 'gpt-4.1', input: 'x' });
      expect(response.status).toBe('incomplete');
      expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    });
  });

  describe('embeddings', () => {
    it('embeds a batch deterministically, as floats, with dimensions', async () => {
      const body = {
        model: 'text-embedding-3-small',
        input: ['alpha', 'beta', 'alpha'],
        dimensions: 64,
        encoding_format: 'float' as const,
      };
      const result = await client.embeddings.create(body);
      expect(result.data.map((d) => d.index)).toEqual([0, 1, 2]);
      expect(result.data[0].embedding).toHaveLength(64);
      expect(result.data[0].embedding).toEqual(result.data[2].embedding);
      expect(result.data[0].embedding).not.toEqual(result.data[1].embedding);
      expect(openaiSpec.validateResponse('CreateEmbeddingResponse', result)).toEqual({
        valid: true,
        errors: [],
      });
    });

    it('answers base64 (the SDK default) that decodes to the same floats', async () => {
      const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'alpha' });
      expect(decoded.data[0].embedding).toHaveLength(1536);
      const res = await raw('/embeddings', {
        model: 'text-embedding-3-small',
        input: 'alpha',
        encoding_format: 'base64',
      });
      const body = (await res.json()) as { data: Array<{ embedding: string }> };
      const floats = Array.from(
        new Float32Array(Buffer.from(body.data[0].embedding, 'base64').buffer.slice(0)),
      );
      expect(floats).toEqual(decoded.data[0].embedding);
      expect(openaiSpec.validateResponse('CreateEmbeddingResponse', body)).toEqual({
        valid: true,
        errors: [],
      });
    });

    it('honours scripted errors on embeddings too', async () => {
      fake.script({ error: { status: 429 } });
      await expect(
        client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }),
      ).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    });
  });

  describe('images', () => {
    it('generates base64 images for gpt-image-1 and URLs for dall-e-2 that the fake serves', async () => {
      const b64 = await client.images.generate({ model: 'gpt-image-1', prompt: 'a fox', n: 2 });
      expect(b64.data).toHaveLength(2);
      expect(Buffer.from(b64.data![0].b64_json!, 'base64')).toEqual(FAKE_PNG);
      expect(openaiSpec.validateResponse('ImagesResponse', b64)).toEqual({ valid: true, errors: [] });
      const urls = await client.images.generate({ model: 'dall-e-2', prompt: 'a fox' });
      const png = await fetch(urls.data![0].url!);
      expect(png.headers.get('content-type')).toBe('image/png');
    });

    it('takes edits and variations as multipart uploads, recording the files', async () => {
      const image = await toFile(FAKE_PNG, 'fox.png', { type: 'image/png' });
      const edit = await client.images.edit({
        model: 'dall-e-2',
        image,
        prompt: 'add a hat',
        n: 2,
        response_format: 'b64_json',
      });
      expect(edit.data).toHaveLength(2);
      expect(fake.requests[0].body).toMatchObject({
        fields: { model: 'dall-e-2', prompt: 'add a hat', n: '2' },
        files: [{ field: 'image', filename: 'fox.png', mimeType: 'image/png', size: FAKE_PNG.length }],
      });
      const variation = await client.images.createVariation({
        image: await toFile(FAKE_PNG, 'fox.png'),
        model: 'dall-e-2',
      });
      expect(openaiSpec.validateResponse('ImagesResponse', variation)).toEqual({ valid: true, errors: [] });
    });

    it('rejects an edit without a prompt with 400, as the spec requires one', async () => {
      const image = await toFile(FAKE_PNG, 'fox.png', { type: 'image/png' });
      await expect(client.images.edit({ image } as OpenAI.ImageEditParams)).rejects.toBeInstanceOf(
        OpenAI.BadRequestError,
      );
      expect(fake.requests.at(-1)!.valid).toBe(false);
      fake.reset();
    });

    it('refuses an upload past the 50 MB limit with 413, counting bytes as they stream by', async () => {
      const form = new FormData();
      form.set('model', 'whisper-1');
      form.set('file', new Blob([Buffer.alloc(51 * 1024 * 1024)]), 'big.wav');
      const res = await fetch(`${fake.baseUrl}/audio/transcriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_OPENAI_API_KEY}` },
        body: form,
      });
      expect(res.status).toBe(413);
      expect(openaiSpec.validateError(await res.json())).toEqual({ valid: true, errors: [] });
      expect(fake.requests.at(-1)!.valid).toBe(false);
      fake.reset();
    }, 30_000); // 51 MB through a loopback socket: slow on a loaded machine
  });

  describe('audio', () => {
    it('speaks: binary audio, a real WAV for wav', async () => {
      const mp3 = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there' });
      expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
      expect((await mp3.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      const wav = Buffer.from(
        await (
          await client.audio.speech.create({
            model: 'tts-1',
            voice: 'alloy',
            input: 'Hi',
            response_format: 'wav',
          })
        ).arrayBuffer(),
      );
      expect(wav.subarray(0, 4).toString()).toBe('RIFF');
      expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    });

    it('transcribes in json, text, srt, vtt and verbose_json', async () => {
      const file = () => toFile(Buffer.alloc(2048), 'meeting.wav', { type: 'audio/wav' });
      fake.script({
        model: 'whisper-1',
        text: 'The quick brown fox jumps over the lazy dog near the river bank today.',
      });
      const json = await client.audio.transcriptions.create({ model: 'whisper-1', file: await file() });
      expect(json.text).toBe('The quick brown fox jumps over the lazy dog near the river bank today.');
      expect(openaiSpec.validateResponse('CreateTranscriptionResponseJson', json)).toEqual({
        valid: true,
        errors: [],
      });
      const text = await client.audio.transcriptions.create({
        model: 'whisper-1',
        file: await file(),
        response_format: 'text',
      });
      expect(text).toContain('meeting.wav');
      const srt = await client.audio.transcriptions.create({
        model: 'whisper-1',
        file: await file(),
        response_format: 'srt',
      });
      expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\n/);
      const vtt = await client.audio.transcriptions.create({
        model: 'whisper-1',
        file: await file(),
        response_format: 'vtt',
      });
      expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
      const verbose = await client.audio.transcriptions.create({
        model: 'whisper-1',
        file: await file(),
        response_format: 'verbose_json',
        timestamp_granularities: ['segment'],
        temperature: 0,
      });
      expect(verbose.segments!.length).toBeGreaterThan(0);
      expect(openaiSpec.validateResponse('CreateTranscriptionResponseVerboseJson', verbose)).toEqual({
        valid: true,
        errors: [],
      });
      expect(
        (fake.requests.at(-1)!.body as { fields: Record<string, unknown> }).fields.timestamp_granularities,
      ).toEqual(['segment']);
    });

    it('translates', async () => {
      const result = await client.audio.translations.create({
        model: 'whisper-1',
        file: await toFile(Buffer.alloc(10), 'fr.mp3'),
      });
      expect(result.text).toContain('fr.mp3');
      expect(openaiSpec.validateResponse('CreateTranslationResponseJson', result)).toEqual({
        valid: true,
        errors: [],
      });
      const verbose = await raw('/audio/translations', {});
      expect(verbose.status).toBe(400);
      expect(fake.requests.at(-1)!.valid).toBe(false);
      fake.reset();
    });
  });

  describe('moderations', () => {
    it('flags trigger words and passes the rest, per input', async () => {
      const result = await client.moderations.create({
        model: 'omni-moderation-latest',
        input: ['I will kill the process', 'hello'],
      });
      expect(result.results.map((r) => r.flagged)).toEqual([true, false]);
      expect(result.results[0].categories.violence).toBe(true);
      expect(openaiSpec.validateResponse('CreateModerationResponse', result)).toEqual({
        valid: true,
        errors: [],
      });
    });
  });
});
