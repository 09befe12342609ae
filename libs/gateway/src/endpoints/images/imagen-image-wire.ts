import { isRecord } from '../shared/json-fields';
import type { ImageBytes } from './byte-image-request';
import { byteImageRequest, imagesAnswer, refusedByProvider } from './byte-image-request';
import type { ImageWire } from './image-wire';

/** What Imagen on the Gemini API takes (`parameters.aspectRatio`, `sampleCount` 1..4). */
const IMAGEN = { maxImages: 4, aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'] } as const;

/**
 * Imagen models on the Gemini API: `models/{model}:predict` with one instance holding the prompt;
 * each prediction is one image's bytes, or a `raiFilteredReason` when the safety filter dropped it.
 * Imagen reports no token usage (it is priced per image).
 */
export const imagenImageWire: ImageWire = {
  request(body, providerModel) {
    const request = byteImageRequest(body, IMAGEN);
    return {
      path: `/models/${encodeURIComponent(providerModel)}:predict`,
      body: {
        instances: [{ prompt: request.prompt }],
        parameters: {
          sampleCount: request.n,
          ...(request.aspectRatio && { aspectRatio: request.aspectRatio }),
        },
      },
    };
  },

  answer(json) {
    const predictions = isRecord(json) && Array.isArray(json.predictions) ? json.predictions : [];
    const images: ImageBytes[] = predictions
      .filter((p) => isRecord(p) && typeof p.bytesBase64Encoded === 'string')
      .map((p: Record<string, string>) => ({ data: p.bytesBase64Encoded, mimeType: p.mimeType }));
    if (images.length > 0) return imagesAnswer(images, undefined);
    const filtered = predictions.find((p) => isRecord(p) && typeof p.raiFilteredReason === 'string');
    if (filtered) throw refusedByProvider((filtered as Record<string, string>).raiFilteredReason);
    throw new Error('no image in the predictions');
  },
};
