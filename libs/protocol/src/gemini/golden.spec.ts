import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import type { CanonicalRequest } from '../canonical';
import { geminiCodec } from './codec';
import { GeminiStreamDecoder } from './stream-decoder';
import { GeminiStreamEncoder } from './stream-encoder';
import { decodeInPieces, encodeAll } from '../test-support/streams';
import { listSpecFiles, readSpecJson } from '../test-support/specs';

const RECORDED = 'gemini/fixtures/recorded-http';

interface Interaction {
  request: { url: string; bodySegments: Array<Record<string, unknown>> };
  response: { statusCode: number; bodySegments: Array<Record<string, unknown>> };
}

const recordings = listSpecFiles(RECORDED, '.json').flatMap((file) =>
  readSpecJson<{ interactions: Interaction[] }>(RECORDED, file).interactions.map((x, i) => ({
    name: `${file}#${i}`,
    ...x,
  })),
);
const isStream = (x: Interaction) => x.request.url.includes(':streamGenerateContent');
const isGenerate = (x: Interaction) => /:(stream)?[gG]enerateContent/.test(x.request.url);

/** Consecutive turns of one role are one turn (the encoder joins them). */
function mergeTurns(request: CanonicalRequest): CanonicalRequest {
  const messages: CanonicalRequest['messages'] = [];
  for (const m of request.messages) {
    const last = messages[messages.length - 1];
    if (last !== undefined && last.role === m.role)
      messages[messages.length - 1] = { ...last, content: [...last.content, ...m.content] };
    else messages.push(m);
  }
  return { ...request, messages };
}

/** The real API's SSE framing: `data: <json>` and CRLF CRLF, no terminator. */
function sseOf(chunks: unknown[]): string {
  return chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join('');
}

/** Chunks reduced to what the canonical model carries: parts by kind, the finish and the counts. */
function summary(chunks: GenerateContentResponse[]): unknown {
  let text = '';
  let thoughts = '';
  const signatures: string[] = [];
  const calls: unknown[] = [];
  let finishReason: unknown;
  let usage: unknown;
  for (const chunk of chunks) {
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thoughtSignature) signatures.push(part.thoughtSignature);
      if (part.functionCall) calls.push([part.functionCall.name, part.functionCall.args]);
      else if (part.thought) thoughts += part.text ?? '';
      else text += part.text ?? '';
    }
    if (candidate?.finishReason) finishReason = candidate.finishReason;
    const u = chunk.usageMetadata;
    if (u)
      usage = {
        prompt: u.promptTokenCount,
        candidates: u.candidatesTokenCount ?? 0,
        thoughts: u.thoughtsTokenCount ?? 0,
        cached: u.cachedContentTokenCount ?? 0,
      };
  }
  return {
    text,
    thoughts,
    signatures,
    calls,
    finishReason,
    usage,
    responseId: chunks[0]?.responseId,
    modelVersion: chunks[0]?.modelVersion,
  };
}

function reencode(chunks: unknown[], framing: 'sse' | 'json-array'): string {
  const events = decodeInPieces(new GeminiStreamDecoder(), sseOf(chunks));
  const start = events.find((e) => e.type === 'start');
  return encodeAll(
    new GeminiStreamEncoder({
      model: start?.type === 'start' ? start.model : '',
      includeUsage: true,
      framing,
    }),
    events,
  );
}

/** Runs the @google/genai SDK's streaming call against a fetch that answers `sse`. */
async function sdkStream(sse: string): Promise<GenerateContentResponse[]> {
  const spy = jest
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }));
  try {
    const ai = new GoogleGenAI({ apiKey: 'test', httpOptions: { baseUrl: 'http://upstream.test' } });
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-x', contents: 'x' }))
      chunks.push(chunk);
    return chunks;
  } finally {
    spy.mockRestore();
  }
}

describe('Gemini golden streams: decode -> canonical -> encode, read by @google/genai', () => {
  const streams = recordings.filter(
    (x) => isStream(x) && x.response.statusCode === 200 && x.response.bodySegments !== undefined,
  );

  it('reports a recorded stream that ended with no chunk at all as an error', () => {
    const empty = recordings.find(
      (x) => isStream(x) && x.response.statusCode === 200 && x.response.bodySegments === undefined,
    )!;
    expect(empty).toBeDefined();
    expect(decodeInPieces(new GeminiStreamDecoder(), '')).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'api_error', status: 502 }) },
    ]);
  });

  it('has recorded streams to check', () => {
    expect(streams.length).toBeGreaterThanOrEqual(8);
  });

  for (const x of streams) {
    it(`${x.name}: same text, thoughts, signatures, calls, finish and usage`, async () => {
      const original = await sdkStream(sseOf(x.response.bodySegments));
      const again = await sdkStream(reencode(x.response.bodySegments, 'sse'));
      expect(summary(again)).toEqual(summary(original));
    });

    it(`${x.name}: the JSON-array framing carries the same chunks`, () => {
      const text = reencode(x.response.bodySegments, 'json-array');
      expect(text.startsWith('[{')).toBe(true);
      expect(text.endsWith('}\n]')).toBe(true);
      const chunks = JSON.parse(text) as GenerateContentResponse[];
      expect(summary(chunks)).toEqual(
        summary(x.response.bodySegments as unknown as GenerateContentResponse[]),
      );
      expect(decodeInPieces(new GeminiStreamDecoder(), text)).toEqual(
        decodeInPieces(new GeminiStreamDecoder(), reencode(x.response.bodySegments, 'sse')),
      );
    });
  }
});

describe('Gemini golden bodies and requests', () => {
  for (const x of recordings.filter((i) => isGenerate(i) && !isStream(i) && i.response.statusCode === 200)) {
    it(`${x.name}: the answer survives decode -> encode`, () => {
      const original = x.response.bodySegments[0] as unknown as GenerateContentResponse;
      const again = geminiCodec.encodeResponse(
        geminiCodec.decodeResponse(original),
        original.modelVersion ?? '',
      ) as GenerateContentResponse;
      expect(summary([again])).toEqual(summary([original]));
    });
  }

  for (const x of recordings.filter(isGenerate)) {
    it(`${x.name}: the request survives decode -> encode -> decode`, () => {
      const model = /models\/([^:]+):/.exec(x.request.url)![1];
      const canonical = geminiCodec.decodeRequest(x.request.bodySegments[0], { model, stream: isStream(x) });
      expect(canonical.model).toBe(model);
      const again = geminiCodec.decodeRequest(geminiCodec.encodeRequest(canonical, model), {
        model,
        stream: isStream(x),
      });
      expect(mergeTurns(again)).toEqual(mergeTurns(canonical));
    });
  }

  const failed = recordings.find((x) => x.response.statusCode === 404)!;
  it('classifies the recorded 404 by its status and re-encodes it alike', () => {
    const info = geminiCodec.decodeError(404, failed.response.bodySegments[0], {});
    expect(info).toMatchObject({ kind: 'not_found', status: 404, code: 'NOT_FOUND' });
    const wire = (failed.response.bodySegments[0] as { error: { message: string } }).error;
    expect(geminiCodec.encodeError(info).body).toEqual({
      error: { code: 404, message: wire.message, status: 'NOT_FOUND' },
    });
  });
});
