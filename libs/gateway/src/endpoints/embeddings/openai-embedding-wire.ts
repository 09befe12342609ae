import { GatewayError } from '@verosek/protocol';
import type { EmbeddingCall, EmbeddingInput, EmbeddingResult, EmbeddingWire } from './embedding-wire';
import type { UpstreamBody } from '../shared/endpoint-upstream';
import { invalid, isRecord } from '../shared/json-fields';
import { asFloat32Base64, fromFloat32Base64, optionalPositiveInteger, vectorsInOrder } from './wire-values';

type Body = Record<string, unknown>;

/** OpenAI `POST /v1/embeddings`: string or string[] input (token arrays pass through to OpenAI only). */
export const openAIEmbeddingWire: EmbeddingWire = {
  parse(raw, hints): EmbeddingCall {
    if (!isRecord(raw)) throw invalid('body', 'expected a JSON object');
    const body: Body = raw;
    const model = typeof body.model === 'string' && body.model ? body.model : hints.model;
    if (!model) throw invalid('model', 'required');
    const format = body.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64')
      throw invalid('encoding_format', "expected 'float' or 'base64'");
    const dimensions = optionalPositiveInteger(body.dimensions, 'dimensions');
    const texts = textsOf(body.input);
    return {
      model,
      input: { texts: texts ?? [], dimensions },
      visitTexts(map) {
        if (!texts) return;
        for (let i = 0; i < texts.length; i++) texts[i] = map(texts[i]);
        body.input = typeof body.input === 'string' ? texts[0] : [...texts];
      },
      passthrough: (providerModel) => ({ path: '/embeddings', body: { ...body, model: providerModel } }),
      encode: (result, requestedModel) => ({
        object: 'list',
        data: result.vectors.map((vector, index) => ({
          object: 'embedding',
          index,
          embedding: format === 'base64' ? asFloat32Base64(vector) : vector,
        })),
        model: requestedModel,
        usage: {
          prompt_tokens: result.usage?.inputTokens ?? 0,
          total_tokens: result.usage?.inputTokens ?? 0,
        },
      }),
      tokenInput: texts === undefined,
    };
  },

  request(input: EmbeddingInput, providerModel: string): UpstreamBody {
    const body: Body = { model: providerModel, input: input.texts, encoding_format: 'float' };
    if (input.dimensions !== undefined) body.dimensions = input.dimensions;
    return { path: '/embeddings', body };
  },

  result(answer: unknown, texts: number): EmbeddingResult {
    if (!isRecord(answer) || !Array.isArray(answer.data)) throw new Error('no data in the embeddings answer');
    const vectors = vectorsInOrder(
      answer.data.map((item: Body) => ({
        index: Number(item.index),
        vector:
          typeof item.embedding === 'string'
            ? fromFloat32Base64(item.embedding)
            : (item.embedding as number[]),
      })),
      texts,
    );
    const usage =
      isRecord(answer.usage) && typeof answer.usage.prompt_tokens === 'number'
        ? { inputTokens: answer.usage.prompt_tokens, outputTokens: 0 }
        : undefined;
    return { vectors, usage };
  },
};

/** The input's texts; undefined for token-array input, which only an OpenAI provider can take. */
function textsOf(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0)
    throw invalid('input', 'expected a string or a non-empty array');
  if (input.every((item) => typeof item === 'string')) return [...(input as string[])];
  const tokens =
    input.every((item) => typeof item === 'number') || input.every((item) => Array.isArray(item));
  if (!tokens) throw invalid('input', 'expected strings, or arrays of token ids');
  return undefined;
}

export function tokenInputRefused(): GatewayError {
  return new GatewayError(
    'invalid_request',
    "Unsupported 'input': token-id input can only be embedded by an OpenAI provider",
    {
      param: 'input',
      code: 'unsupported_parameter',
    },
  );
}
