import { FAKE_PNG } from '../fake/fake-png';
import { hex, unixSeconds } from '../fake/ids';
import type { MultipartBody } from '../fake/multipart';
import { jsonReply, type BodyReply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { Route } from '../fake/route';
import { field } from './multipart-request';
import { openaiHeaders } from './openai-errors';
import { jsonModelRoute, multipartModelRoute } from './openai-route';

interface ImageOptions {
  model: string;
  n: number;
  responseFormat: string | undefined;
  prompt: string | undefined;
  host: string | undefined;
}

/** `ImagesResponse`: gpt-image models always answer base64; dall-e ones a URL unless asked for b64_json. */
function imagesReply(options: ImageOptions): BodyReply {
  const base64 = options.model.startsWith('gpt-image') || options.responseFormat === 'b64_json';
  const data = Array.from({ length: options.n }, () => ({
    ...(base64
      ? { b64_json: FAKE_PNG.toString('base64') }
      : { url: `http://${options.host}/v1/images/files/img-${hex(16)}.png` }),
    ...(options.prompt && options.model === 'dall-e-3' && { revised_prompt: options.prompt }),
  }));
  const usage = options.model.startsWith('gpt-image')
    ? {
        usage: {
          input_tokens: 10,
          output_tokens: 100 * options.n,
          total_tokens: 10 + 100 * options.n,
          input_tokens_details: { text_tokens: 10, image_tokens: 0 },
        },
      }
    : {};
  return jsonReply(200, { created: unixSeconds(), data, ...usage }, openaiHeaders());
}

const host = (request: FakeRequest) => request.headers.host;

/** `POST /v1/images/generations` (JSON). */
export const imageGenerationsRoute = jsonModelRoute(
  '/images/generations',
  'CreateImageRequest',
  (request) => {
    const body = request.body as { model?: string; prompt: string; n?: number; response_format?: string };
    return imagesReply({
      model: body.model ?? 'dall-e-2',
      n: body.n ?? 1,
      responseFormat: body.response_format,
      prompt: body.prompt,
      host: host(request),
    });
  },
);

function multipartImages(request: FakeRequest): BodyReply {
  const body = request.body as MultipartBody;
  return imagesReply({
    model: field(body, 'model') ?? 'dall-e-2',
    n: Number(field(body, 'n') ?? 1),
    responseFormat: field(body, 'response_format'),
    prompt: field(body, 'prompt'),
    host: host(request),
  });
}

/** `POST /v1/images/edits` and `/v1/images/variations` (multipart uploads). */
export const imageEditsRoute = multipartModelRoute(
  '/images/edits',
  'CreateImageEditRequest',
  multipartImages,
);
export const imageVariationsRoute = multipartModelRoute(
  '/images/variations',
  'CreateImageVariationRequest',
  multipartImages,
);

/** `GET /v1/images/files/{name}.png`: where the fake's image URLs point. */
export const imageFilesRoute: Route = {
  method: 'GET',
  path: /^\/v1\/images\/files\/[\w-]+\.png$/,
  body: 'none',
  public: true,
  reply: () => ({ kind: 'body', status: 200, headers: { 'content-type': 'image/png' }, body: FAKE_PNG }),
};
