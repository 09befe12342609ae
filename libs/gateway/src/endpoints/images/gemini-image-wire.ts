import { usageFromGemini } from '@verosek/protocol';
import type { JsonBody } from '../shared/json-fields';
import { isRecord } from '../shared/json-fields';
import type { UpstreamBody } from '../shared/endpoint-upstream';
import type { ByteImageRequest, ImageBytes } from './byte-image-request';
import { byteImageRequest, imagesAnswer, refusedByProvider } from './byte-image-request';
import type { ImageWire } from './image-wire';
import type { InlineImage } from './inline-images';

/**
 * Gemini's native image models make one image per call (`n` > 1 is refused rather than looped, so
 * one request stays one upstream call) in the ratios of `GenerationConfig.imageConfig`.
 */
const GEMINI_IMAGE_LIMITS = {
  maxImages: 1,
  aspectRatios: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'],
} as const;

export function readGeminiImageRequest(body: JsonBody): ByteImageRequest {
  return byteImageRequest(body, GEMINI_IMAGE_LIMITS);
}

/**
 * The `generateContent` call asking for text and image output: the images to work from (none to
 * generate, some to edit) before the prompt, in one user turn.
 */
export function geminiImageCall(
  request: ByteImageRequest,
  providerModel: string,
  images: InlineImage[] = [],
): UpstreamBody {
  return {
    path: `/models/${encodeURIComponent(providerModel)}:generateContent`,
    body: {
      contents: [
        {
          role: 'user',
          parts: [...images.map((inlineData) => ({ inlineData })), { text: request.prompt }],
        },
      ],
      generationConfig: {
        responseModalities: ['TEXT', 'IMAGE'],
        ...(request.aspectRatio && { imageConfig: { aspectRatio: request.aspectRatio } }),
      },
    },
  };
}

/** Finish reasons (and prompt block reasons) that mean the safety filters stopped the image. */
const BLOCKED = /SAFETY|PROHIBITED|BLOCKLIST|SPII|RECITATION|IMAGE_OTHER/;

/**
 * Gemini image models (`gemini-2.5-flash-image`...): `models/{model}:generateContent` asking for
 * text and image output; the answer's `inlineData` image parts are the images, its
 * `usageMetadata` the token usage.
 */
export const geminiImageWire: ImageWire = {
  request: (body, providerModel) => geminiImageCall(readGeminiImageRequest(body), providerModel),

  answer(json) {
    if (!isRecord(json)) throw new Error('the answer is not an object');
    const candidates = (Array.isArray(json.candidates) ? json.candidates : []).filter(isRecord);
    const images = candidates.flatMap(imageParts);
    if (images.length > 0) return imagesAnswer(images, usageFromGemini(json.usageMetadata));
    const blocked = blockReason(json, candidates);
    if (blocked) throw refusedByProvider(blocked);
    throw new Error('no image part in the candidates');
  },
};

function imageParts(candidate: JsonBody): ImageBytes[] {
  const content = candidate.content;
  const parts = isRecord(content) && Array.isArray(content.parts) ? content.parts : [];
  return parts
    .map((part) => (isRecord(part) ? part.inlineData : undefined))
    .filter(
      (blob): blob is JsonBody =>
        isRecord(blob) &&
        typeof blob.data === 'string' &&
        typeof blob.mimeType === 'string' &&
        blob.mimeType.startsWith('image/'),
    )
    .map((blob) => ({ data: blob.data as string, mimeType: blob.mimeType as string }));
}

function blockReason(json: JsonBody, candidates: JsonBody[]): string | undefined {
  const feedback = json.promptFeedback;
  if (isRecord(feedback) && typeof feedback.blockReason === 'string') return feedback.blockReason;
  return candidates
    .map((c) => c.finishReason)
    .find((reason): reason is string => typeof reason === 'string' && BLOCKED.test(reason));
}
