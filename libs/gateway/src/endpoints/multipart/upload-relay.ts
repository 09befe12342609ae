import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@verosek/config';
import type { Usage } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import type { Endpoint, ProviderAdapter } from '@verosek/providers';
import { UpstreamClient } from '@verosek/providers';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import { tokenUsageOf } from '../shared/answer-usage';
import { EndpointRunner } from '../shared/endpoint-runner';
import { exchangeJson, readWireAnswer, sendToEndpoint } from '../shared/endpoint-upstream';
import type { RelayedAnswer } from '../shared/relayed-answer';
import { readAnswer } from '../shared/relayed-answer';
import { encodeForm } from './multipart-encoder';
import type { UploadLimits } from './spooled-form';
import { SpooledForm } from './spooled-form';
import type { UploadWire } from './upload-wire';

/** The raw upload as the transport edge hands it over (never parsed by the HTTP framework). */
export interface Upload {
  source: Readable;
  headers: IncomingHttpHeaders;
}

export interface UploadEndpoint {
  endpoint: Endpoint;
  /** Audit name (`images.edits`, `audio.transcriptions`...). */
  name: string;
  /** Path at the provider. */
  path: string;
  limits: UploadLimits;
  /** The model when the form names none (the API's own default), else `model` is required. */
  defaultModel?: string;
  /** Text fields the Shield reads (e.g. `prompt`). */
  textFields: string[];
  /**
   * The wire of a deployment that serves the endpoint by translating the upload (Gemini image
   * edits); without one, only OpenAI-format providers serve it.
   */
  wireFor?: (adapter: ProviderAdapter, deployment: DeploymentConfig) => UploadWire | undefined;
}

type UploadAnswer = RelayedAnswer & { usage?: Usage };

/**
 * A multipart endpoint (image edits and variations, transcriptions, translations): the upload is
 * spooled once (see SpooledForm), its text fields go through the Shield, and each attempt streams
 * it to an OpenAI-format provider from disk with the `model` field rewritten to the deployment's
 * model, the answer (JSON or text) relayed as the provider gave it; or, for a provider the
 * endpoint has a wire for, sends the JSON call the wire builds from the form and answers as OpenAI.
 */
@Injectable()
export class UploadRelay {
  constructor(
    private readonly runner: EndpointRunner,
    @Inject(UpstreamClient) private readonly client: UpstreamClient,
  ) {}

  async relay(ctx: CallContext, upload: Upload, spec: UploadEndpoint): Promise<GatewayOutcome> {
    const caller = await this.runner.authenticate(ctx);
    const form = await SpooledForm.read(upload.source, upload.headers, spec.limits);
    try {
      if (!form.files().length) throw GatewayError.invalid("Invalid 'file': required", 'file');
      const model = form.field('model') ?? spec.defaultModel;
      if (!model) throw GatewayError.invalid("Invalid 'model': required", 'model');
      const started = await this.runner.run(ctx, caller, {
        endpoint: spec.endpoint,
        name: spec.name,
        model,
        visitTexts: (map) => {
          for (const name of spec.textFields) {
            const value = form.field(name);
            if (value !== undefined) form.setField(name, map(value));
          }
        },
        serves: (adapter, deployment) =>
          adapter.endpoints.has(spec.endpoint) &&
          (adapter.format === 'openai-chat' || spec.wireFor?.(adapter, deployment) !== undefined),
        attempt: (deployment, adapter) =>
          adapter.format === 'openai-chat'
            ? this.relayed(ctx, form, spec, deployment, adapter)
            : this.translated(ctx, form, spec.wireFor!(adapter, deployment)!, deployment, adapter),
      });
      const answer = started.result;
      await started.finish({ usage: answer.usage });
      return {
        kind: 'json',
        status: 200,
        headers: { ...started.headers(), 'content-type': answer.contentType },
        body: answer.body,
      };
    } finally {
      await form.dispose();
    }
  }

  private async relayed(
    ctx: CallContext,
    form: SpooledForm,
    spec: UploadEndpoint,
    deployment: DeploymentConfig,
    adapter: ProviderAdapter,
  ): Promise<UploadAnswer> {
    form.setField('model', deployment.model);
    const encoded = encodeForm(form.parts);
    const answer = await readAnswer(
      await sendToEndpoint(this.client, deployment, adapter, {
        path: spec.path,
        body: encoded.body,
        headers: { 'content-type': encoded.contentType, 'content-length': String(encoded.contentLength) },
        timeoutMs: this.runner.timeoutMs,
        signal: ctx.signal,
      }),
    );
    return { ...answer, usage: answer.json ? tokenUsageOf(answer.body) : undefined };
  }

  private async translated(
    ctx: CallContext,
    form: SpooledForm,
    wire: UploadWire,
    deployment: DeploymentConfig,
    adapter: ProviderAdapter,
  ): Promise<UploadAnswer> {
    const json = await exchangeJson(this.client, deployment, adapter, {
      ...(await wire.request(form, deployment.model)),
      timeoutMs: this.runner.timeoutMs,
      signal: ctx.signal,
    });
    const answer = readWireAnswer('upload answer', () => wire.answer(json));
    return { contentType: 'application/json', json: true, ...answer };
  }
}
