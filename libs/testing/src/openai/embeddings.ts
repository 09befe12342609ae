import { embeddingVector, float32Base64 } from '../fake/embedding-vector';
import { jsonReply } from '../fake/reply';
import { estimateTokens } from '../fake/text';
import { openaiHeaders } from './openai-errors';
import { jsonModelRoute } from './openai-route';

interface EmbeddingRequestBody {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
}

const NATIVE_DIMENSIONS: Record<string, number> = { 'text-embedding-3-large': 3072 };

/** Each input as text (token arrays are spelled out, so equal inputs embed equally). */
function inputs(input: EmbeddingRequestBody['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.length > 0 && typeof input[0] === 'number') return [JSON.stringify(input)];
  return (input as Array<string | number[]>).map((item) =>
    typeof item === 'string' ? item : JSON.stringify(item),
  );
}

/** `POST /v1/embeddings`: deterministic unit vectors, batch, `dimensions`, float or base64. */
export const embeddingsRoute = jsonModelRoute('/embeddings', 'CreateEmbeddingRequest', (request) => {
  const body = request.body as EmbeddingRequestBody;
  const dimensions = body.dimensions ?? NATIVE_DIMENSIONS[body.model] ?? 1536;
  const texts = inputs(body.input);
  const data = texts.map((text, index) => {
    const vector = embeddingVector(text, dimensions);
    return {
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? float32Base64(vector) : vector,
    };
  });
  const tokens = texts.reduce((n, t) => n + Math.max(1, estimateTokens(t)), 0);
  return jsonReply(
    200,
    { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
    openaiHeaders(),
  );
});
