import type { Usage } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import type { JsonBody } from '../shared/json-fields';
import { invalid, requiredText } from '../shared/json-fields';
import type { ImagesAnswer } from './image-wire';

/** What a provider that answers image bytes and takes an aspect ratio (Gemini) needs of a request. */
export interface ByteImageRequest {
  prompt: string;
  n: number;
  /** The nearest ratio the model supports to the caller's `size`; none for `auto` or no size. */
  aspectRatio?: string;
}

export interface ByteImageLimits {
  /** Most images one call makes; `n` above it is refused. */
  maxImages: number;
  /** Aspect ratios the model takes, as `W:H`. */
  aspectRatios: readonly string[];
}

/**
 * Reads an OpenAI images body for a provider that answers base64 bytes only. Fields that would
 * change what comes back and that the provider cannot honour are refused naming the field (URLs,
 * streaming, another file format, a transparent background); style hints (`quality`, `style`,
 * `moderation`, `user`) are dropped.
 */
export function byteImageRequest(body: JsonBody, limits: ByteImageLimits): ByteImageRequest {
  refuseUnless(body.response_format, ['b64_json'], 'response_format', 'the provider answers image bytes');
  refuseUnless(body.stream, [false], 'stream', 'the provider does not stream images');
  refuseUnless(body.output_format, ['png'], 'output_format', 'the provider answers PNG');
  refuseUnless(body.background, ['auto', 'opaque'], 'background', 'the provider has no transparency');
  return {
    prompt: requiredText(body, 'prompt'),
    n: imageCount(body.n, limits.maxImages),
    aspectRatio: aspectRatioOf(body.size, limits.aspectRatios),
  };
}

function refuseUnless(value: unknown, allowed: unknown[], field: string, why: string): void {
  if (value === undefined || value === null || allowed.includes(value)) return;
  throw new GatewayError(
    'invalid_request',
    `Unsupported '${field}': ${JSON.stringify(value)} cannot be served, ${why}; use ${allowed
      .map((v) => JSON.stringify(v))
      .join(' or ')} or leave it out.`,
    { param: field, code: 'unsupported_parameter' },
  );
}

function imageCount(n: unknown, max: number): number {
  if (n === undefined || n === null) return 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw invalid('n', 'expected a positive integer');
  if (n > max)
    throw new GatewayError(
      'invalid_request',
      `Unsupported 'n': this model makes at most ${max} image${max === 1 ? '' : 's'} per call, got ${n}.`,
      { param: 'n', code: 'unsupported_parameter' },
    );
  return n;
}

const SIZE = /^(\d+)x(\d+)$/;

/** `WxH` to the supported ratio closest to it (by log ratio, so 2:1 and 1:2 are equally far from 1:1). */
export function aspectRatioOf(size: unknown, ratios: readonly string[]): string | undefined {
  if (size === undefined || size === null || size === 'auto') return undefined;
  const match = typeof size === 'string' ? SIZE.exec(size) : null;
  if (!match || Number(match[1]) === 0 || Number(match[2]) === 0)
    throw invalid('size', "expected 'auto' or WIDTHxHEIGHT, e.g. '1024x1024'");
  const wanted = Math.log(Number(match[1]) / Number(match[2]));
  const distance = (ratio: string) => {
    const [w, h] = ratio.split(':').map(Number);
    return Math.abs(Math.log(w / h) - wanted);
  };
  return ratios.reduce((best, ratio) => (distance(ratio) < distance(best) ? ratio : best));
}

export interface ImageBytes {
  /** Base64, as the provider sent it. */
  data: string;
  mimeType?: string;
}

const OUTPUT_FORMATS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

/** OpenAI's `ImagesResponse` for images that came back as bytes, token usage as gpt-image reports it. */
export function imagesAnswer(images: ImageBytes[], usage: Usage | undefined): ImagesAnswer {
  const format = images[0].mimeType && OUTPUT_FORMATS[images[0].mimeType];
  return {
    usage,
    body: {
      created: Math.floor(Date.now() / 1000),
      data: images.map((image) => ({ b64_json: image.data })),
      ...(format && { output_format: format }),
      ...(usage && {
        usage: {
          input_tokens: usage.inputTokens,
          output_tokens: usage.outputTokens,
          total_tokens: usage.inputTokens + usage.outputTokens,
          input_tokens_details: { text_tokens: usage.inputTokens, image_tokens: 0 },
        },
      }),
    },
  };
}

/** The provider made no image because of its safety filters: the caller's request, as OpenAI says it. */
export function refusedByProvider(reason: string): GatewayError {
  return new GatewayError(
    'invalid_request',
    `The provider refused to generate the image (${reason}); the prompt may violate its content policy.`,
    { code: 'content_policy_violation', param: 'prompt' },
  );
}
