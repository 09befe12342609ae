import { Inject, Injectable } from '@nestjs/common';
import { UpstreamClient } from '@verosek/providers';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import type { Upload, UploadEndpoint } from '../multipart/upload-relay';
import { UploadRelay } from '../multipart/upload-relay';
import { tokenUsageOf } from '../shared/answer-usage';
import { EndpointRunner } from '../shared/endpoint-runner';
import { readJson } from '../shared/endpoint-upstream';
import { jsonObject, modelOf, requiredText } from '../shared/json-fields';
import { sendJsonPassthrough } from '../shared/json-passthrough';

/** The API's default image model when a request names none. */
const DEFAULT_IMAGE_MODEL = 'dall-e-2';

/** 50 MB per image (the API's limit for gpt-image edits), up to 16 images and a mask. */
const IMAGE_LIMITS = { fileBytes: 50 * 1024 * 1024, files: 17, fields: 32, fieldBytes: 64 * 1024 };

const upload = (name: 'edits' | 'variations', textFields: string[]): UploadEndpoint => ({
  endpoint: 'images',
  name: `images.${name}`,
  path: `/images/${name}`,
  limits: IMAGE_LIMITS,
  defaultModel: DEFAULT_IMAGE_MODEL,
  textFields,
});
const EDITS = upload('edits', ['prompt']);
const VARIATIONS = upload('variations', []);

/**
 * `/v1/images/generations` (JSON), `/edits` and `/variations` (multipart) to OpenAI-format
 * providers, the prompt through the Shield. Image URLs in the answer are the provider's.
 */
@Injectable()
export class ImagesService {
  constructor(
    private readonly runner: EndpointRunner,
    private readonly uploads: UploadRelay,
    @Inject(UpstreamClient) private readonly client: UpstreamClient,
  ) {}

  async generate(ctx: CallContext, raw: unknown): Promise<GatewayOutcome> {
    const caller = await this.runner.authenticate(ctx);
    const body = jsonObject(raw);
    requiredText(body, 'prompt');
    const started = await this.runner.run(ctx, caller, {
      endpoint: 'images',
      name: 'images.generations',
      model: modelOf(body, DEFAULT_IMAGE_MODEL),
      visitTexts: (map) => (body.prompt = map(body.prompt as string)),
      serves: (adapter) => adapter.endpoints.has('images') && adapter.format === 'openai-chat',
      attempt: async (deployment, adapter) =>
        readJson(
          await sendJsonPassthrough(this.client, deployment, adapter, {
            path: '/images/generations',
            body,
            timeoutMs: this.runner.timeoutMs,
            signal: ctx.signal,
          }),
        ),
    });
    await started.finish({ usage: tokenUsageOf(started.result) });
    return { kind: 'json', status: 200, headers: started.headers(), body: started.result };
  }

  edit(ctx: CallContext, form: Upload): Promise<GatewayOutcome> {
    return this.uploads.relay(ctx, form, EDITS);
  }

  vary(ctx: CallContext, form: Upload): Promise<GatewayOutcome> {
    return this.uploads.relay(ctx, form, VARIATIONS);
  }
}
