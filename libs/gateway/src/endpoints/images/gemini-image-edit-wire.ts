import { GatewayError } from '@verosek/protocol';
import type { SpooledForm } from '../multipart/spooled-form';
import type { UploadWire } from '../multipart/upload-wire';
import type { JsonBody } from '../shared/json-fields';
import { invalid } from '../shared/json-fields';
import { geminiImageCall, geminiImageWire, readGeminiImageRequest } from './gemini-image-wire';
import type { FilePart } from './inline-images';
import { readInlineImages } from './inline-images';

/** Gemini's limit on a request that carries its files inline (the prompt included). */
const GEMINI_INLINE_REQUEST_BYTES = 20 * 1024 * 1024;

/** One image is sent as `image`; the SDKs send several as `image[]`. */
const IMAGE_FIELDS = new Set(['image', 'image[]']);

/**
 * `/v1/images/edits` to Gemini image models: the generations call (`:generateContent` with image
 * output, the same refusals) with the uploaded images as `inlineData` parts before the prompt, read
 * whole into memory since Gemini takes them inline. Gemini has no mask: one is refused naming it.
 */
export const geminiImageEditWire: UploadWire = {
  async request(form, providerModel) {
    const files = imageFilesOf(form);
    const request = readGeminiImageRequest(fieldsOf(form));
    const images = await readInlineImages(files, {
      requestBytes: GEMINI_INLINE_REQUEST_BYTES,
      otherBytes: Buffer.byteLength(request.prompt),
      field: 'image',
    });
    return geminiImageCall(request, providerModel, images);
  },
  answer: (json) => geminiImageWire.answer(json),
};

function imageFilesOf(form: SpooledForm): FilePart[] {
  const files = form.files();
  for (const file of files) {
    if (file.name === 'mask')
      throw new GatewayError(
        'invalid_request',
        "Unsupported 'mask': Gemini image models take no mask; describe the area to change in the prompt, or use an OpenAI image model.",
        { param: 'mask', code: 'unsupported_parameter' },
      );
    if (!IMAGE_FIELDS.has(file.name))
      throw invalid(file.name, "unexpected file; an edit takes 'image' files");
  }
  if (!files.length) throw invalid('image', 'required, an image file');
  return files;
}

/**
 * The form's text fields as the JSON body of a generation: multipart carries every value as
 * text, so `n` becomes a number and `stream` a boolean when they spell one.
 */
function fieldsOf(form: SpooledForm): JsonBody {
  const body: JsonBody = {};
  for (const part of form.parts)
    if (part.kind === 'field' && !(part.name in body)) body[part.name] = part.value;
  if (typeof body.n === 'string' && /^\d+$/.test(body.n)) body.n = Number(body.n);
  if (body.stream === 'true' || body.stream === 'false') body.stream = body.stream === 'true';
  return body;
}
