import { Inject, Injectable } from '@nestjs/common';
import { GatewayError } from '@verosek/protocol';
import type { Endpoint } from '@verosek/providers';
import { UpstreamClient } from '@verosek/providers';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import { tokenUsageOf } from '../shared/answer-usage';
import { EndpointRunner } from '../shared/endpoint-runner';
import { sendToEndpoint } from '../shared/endpoint-upstream';
import { readAnswer } from '../shared/relayed-answer';
import { encodeForm } from './multipart-encoder';
import type { UploadLimits } from './spooled-form';
import { SpooledForm } from './spooled-form';

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
}

/**
 * A multipart endpoint (image edits and variations, transcriptions, translations): the upload is
 * spooled once (see SpooledForm), its text fields go through the Shield, and each attempt streams
 * it to the provider from disk with the `model` field rewritten to the deployment's model. The
 * answer (JSON or text) is relayed as the provider gave it.
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
        serves: (adapter) => adapter.endpoints.has(spec.endpoint) && adapter.format === 'openai-chat',
        attempt: async (deployment, adapter) => {
          form.setField('model', deployment.model);
          const encoded = encodeForm(form.parts);
          const answer = await sendToEndpoint(this.client, deployment, adapter, {
            path: spec.path,
            body: encoded.body,
            headers: { 'content-type': encoded.contentType, 'content-length': String(encoded.contentLength) },
            timeoutMs: this.runner.timeoutMs,
            signal: ctx.signal,
          });
          return readAnswer(answer);
        },
      });
      const answer = started.result;
      await started.finish({ usage: answer.json ? tokenUsageOf(answer.body) : undefined });
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
}
