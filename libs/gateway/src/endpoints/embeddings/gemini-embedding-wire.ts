import type { EmbeddingCall, EmbeddingInput, EmbeddingResult, EmbeddingWire } from './embedding-wire';
import type { UpstreamBody } from '../shared/endpoint-upstream';
import { invalid, isRecord } from '../shared/json-fields';
import { optionalPositiveInteger, vectorsInOrder } from './wire-values';

type Body = Record<string, unknown>;
type Part = { text?: unknown };

const modelPath = (model: string) => `models/${model}`;

/** The texts of one EmbedContentRequest's `content.parts` (text parts only). */
function contentParts(request: Body, field: string): Part[] {
  const content = request.content;
  if (!isRecord(content) || !Array.isArray(content.parts) || content.parts.length === 0)
    throw invalid(`${field}.content.parts`, 'expected a non-empty array');
  content.parts.forEach((part: unknown, i: number) => {
    if (!isRecord(part) || typeof part.text !== 'string')
      throw invalid(`${field}.content.parts[${i}].text`, 'expected a string');
  });
  return content.parts as Part[];
}

const joined = (parts: Part[]) => parts.map((p) => p.text as string).join('\n');

function dimensionsOf(request: Body, field: string): number | undefined {
  return optionalPositiveInteger(
    request.outputDimensionality ?? request.output_dimensionality,
    `${field}.outputDimensionality`,
  );
}

/**
 * Gemini `models/{model}:embedContent` (one content) and `:batchEmbedContents` (`requests[]`).
 * Each content's text parts are embedded as one text.
 */
export const geminiEmbeddingWire: EmbeddingWire = {
  parse(raw, hints): EmbeddingCall {
    if (!isRecord(raw)) throw invalid('body', 'expected a JSON object');
    const model = hints.model;
    if (!model) throw invalid('model', 'required');
    const batch = hints.batch === true;
    const requests: Body[] = batch ? batchRequests(raw) : [raw];
    const field = (i: number) => (batch ? `requests[${i}]` : 'body');
    const parts = requests.map((r, i) => contentParts(r, field(i)));
    const dimensions = requests.map((r, i) => dimensionsOf(r, field(i)));
    if (new Set(dimensions).size > 1)
      throw invalid('requests[].outputDimensionality', 'must be the same for every request');
    const input: EmbeddingInput = { texts: parts.map(joined), dimensions: dimensions[0] };
    return {
      model,
      input,
      tokenInput: false,
      visitTexts(map) {
        parts.forEach((list, i) => {
          for (const part of list) part.text = map(part.text as string);
          input.texts[i] = joined(list);
        });
      },
      passthrough(providerModel) {
        if (!batch) return { path: `/${modelPath(providerModel)}:embedContent`, body: raw };
        return {
          path: `/${modelPath(providerModel)}:batchEmbedContents`,
          body: { ...raw, requests: requests.map((r) => ({ ...r, model: modelPath(providerModel) })) },
        };
      },
      encode: (result) =>
        batch
          ? { embeddings: result.vectors.map((values) => ({ values })) }
          : { embedding: { values: result.vectors[0] } },
    };
  },

  request(input: EmbeddingInput, providerModel: string): UpstreamBody {
    const requests = input.texts.map((text) => {
      const request: Body = { model: modelPath(providerModel), content: { parts: [{ text }] } };
      if (input.dimensions !== undefined) request.outputDimensionality = input.dimensions;
      return request;
    });
    return { path: `/${modelPath(providerModel)}:batchEmbedContents`, body: { requests } };
  },

  result(answer: unknown, texts: number): EmbeddingResult {
    if (!isRecord(answer)) throw new Error('the embeddings answer is not an object');
    const list = Array.isArray(answer.embeddings)
      ? answer.embeddings
      : isRecord(answer.embedding)
        ? [answer.embedding]
        : [];
    return {
      vectors: vectorsInOrder(
        list.map((e: Body, index) => ({ index, vector: e.values as number[] })),
        texts,
      ),
    };
  },
};

function batchRequests(body: Body): Body[] {
  if (!Array.isArray(body.requests) || body.requests.length === 0)
    throw invalid('requests', 'expected a non-empty array');
  return body.requests.map((r: unknown, i) => {
    if (!isRecord(r)) throw invalid(`requests[${i}]`, 'expected an object');
    return r;
  });
}
