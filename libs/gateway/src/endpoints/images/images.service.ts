import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@verosek/config';
import type { WireFormat } from '@verosek/protocol';
import type { ProviderAdapter } from '@verosek/providers';
import { UpstreamClient } from '@verosek/providers';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import type { Upload, UploadEndpoint } from '../multipart/upload-relay';
import { UploadRelay } from '../multipart/upload-relay';
import { EndpointRunner } from '../shared/endpoint-runner';
import { exchangeJson, readWireAnswer } from '../shared/endpoint-upstream';
import type { JsonBody } from '../shared/json-fields';
import { jsonObject, modelOf, requiredText } from '../shared/json-fields';
import { geminiImageEditWire } from './gemini-image-edit-wire';
import { geminiImageWire } from './gemini-image-wire';
import type { ImagesAnswer, ImageWire } from './image-wire';
import { imagenImageWire } from './imagen-image-wire';
import { openAIImageWire } from './openai-image-wire';

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
const isImagen = (providerModel: string) => providerModel.startsWith('imagen');

/** Gemini image models edit; Imagen on the Gemini API has no edit method, so it does not serve edits. */
const EDITS: UploadEndpoint = {
  ...upload('edits', ['prompt']),
  wireFor: (adapter, deployment) =>
    adapter.format === 'gemini' && !isImagen(deployment.model) ? geminiImageEditWire : undefined,
};
const VARIATIONS = upload('variations', []);

/** The image wire of each provider format, by the deployment's model: Gemini has two kinds. */
const WIRES: Partial<Record<WireFormat, (providerModel: string) => ImageWire>> = {
  'openai-chat': () => openAIImageWire,
  gemini: (providerModel) => (isImagen(providerModel) ? imagenImageWire : geminiImageWire),
};

/**
 * `/v1/images/generations` (JSON) to OpenAI-format providers (passed through; image URLs in the
 * answer are the provider's) and Gemini ones (translated, base64 only); `/edits` and `/variations`
 * (multipart) to OpenAI-format providers, `/edits` also to Gemini image models (translated). The
 * prompt goes through the Shield.
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
      serves: (adapter) => adapter.endpoints.has('images') && WIRES[adapter.format] !== undefined,
      attempt: (deployment, adapter) => this.attempt(ctx, body, deployment, adapter),
    });
    await started.finish({ usage: started.result.usage });
    return { kind: 'json', status: 200, headers: started.headers(), body: started.result.body };
  }

  private async attempt(
    ctx: CallContext,
    body: JsonBody,
    deployment: DeploymentConfig,
    adapter: ProviderAdapter,
  ): Promise<ImagesAnswer> {
    const wire = WIRES[adapter.format]!(deployment.model);
    const upstream = wire.request(body, deployment.model);
    const json = await exchangeJson(this.client, deployment, adapter, {
      ...upstream,
      timeoutMs: this.runner.timeoutMs,
      signal: ctx.signal,
    });
    return readWireAnswer('images answer', () => wire.answer(json));
  }

  edit(ctx: CallContext, form: Upload): Promise<GatewayOutcome> {
    return this.uploads.relay(ctx, form, EDITS);
  }

  vary(ctx: CallContext, form: Upload): Promise<GatewayOutcome> {
    return this.uploads.relay(ctx, form, VARIATIONS);
  }
}
