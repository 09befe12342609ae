import { embeddingVector } from '../fake/embedding-vector';
import { jsonReply } from '../fake/reply';
import type { Route } from '../fake/route';
import { geminiSpec } from '../specs/gemini-spec';
import { GEMINI_JSON } from './gemini-errors';

interface EmbedContentBody {
  content?: { parts?: Array<{ text?: string }> };
  outputDimensionality?: number;
  output_dimensionality?: number;
}

const NATIVE_DIMENSIONS: Record<string, number> = { 'text-embedding-004': 768, 'embedding-001': 768 };

function embedding(body: EmbedContentBody, model: string): { values: number[] } {
  const text = (body.content?.parts ?? []).map((p) => p.text ?? '').join('\n');
  const dimensions =
    body.outputDimensionality ?? body.output_dimensionality ?? NATIVE_DIMENSIONS[model] ?? 3072;
  return { values: embeddingVector(text, dimensions) };
}

/** `POST /v1beta/models/{model}:embedContent`: a deterministic unit vector per content. */
export const embedContentRoute: Route = {
  method: 'POST',
  path: /^\/v1beta\/models\/(?<model>[^/:]+):embedContent$/,
  body: 'json',
  validate: (request) => geminiSpec.validateRequest('EmbedContentRequest', request.body),
  model: (request) => request.params.model,
  reply: (request) =>
    jsonReply(
      200,
      { embedding: embedding(request.body as EmbedContentBody, request.params.model) },
      { 'content-type': GEMINI_JSON },
    ),
};

/** `POST /v1beta/models/{model}:batchEmbedContents`: one embedding per request, in order. */
export const batchEmbedContentsRoute: Route = {
  method: 'POST',
  path: /^\/v1beta\/models\/(?<model>[^/:]+):batchEmbedContents$/,
  body: 'json',
  validate: (request) => geminiSpec.validateRequest('BatchEmbedContentsRequest', request.body),
  model: (request) => request.params.model,
  reply: (request) => {
    const requests = (request.body as { requests: EmbedContentBody[] }).requests;
    return jsonReply(
      200,
      { embeddings: requests.map((r) => embedding(r, request.params.model)) },
      { 'content-type': GEMINI_JSON },
    );
  },
};
