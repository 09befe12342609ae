import { Inject, Injectable, Logger } from '@nestjs/common';
import { GatewayError } from '@verosek/protocol';
import { UpstreamClient } from '@verosek/providers';
import type { Readable } from 'node:stream';
import type { CallContext } from '../../pipeline/call-context';
import type { GatewayOutcome } from '../../pipeline/gateway-outcome';
import type { Upload, UploadEndpoint } from '../multipart/upload-relay';
import { UploadRelay } from '../multipart/upload-relay';
import { EndpointRunner } from '../shared/endpoint-runner';
import { jsonObject, modelOf, requiredText } from '../shared/json-fields';
import { sendJsonPassthrough } from '../shared/json-passthrough';

/** The API's limit for audio uploads. */
const AUDIO_LIMITS = { fileBytes: 25 * 1024 * 1024, files: 1, fields: 32, fieldBytes: 64 * 1024 };

const upload = (name: 'transcriptions' | 'translations'): UploadEndpoint => ({
  endpoint: 'audio',
  name: `audio.${name}`,
  path: `/audio/${name}`,
  limits: AUDIO_LIMITS,
  textFields: ['prompt'],
});
const TRANSCRIPTIONS = upload('transcriptions');
const TRANSLATIONS = upload('translations');

/** Binary audio streamed back as the provider sends it; the call settles and is audited once it has gone. */
export interface AudioStream {
  headers: Record<string, string>;
  body: Readable;
}

/**
 * `/v1/audio/speech` (JSON in, audio bytes streamed back) and `/transcriptions`, `/translations`
 * (multipart; json, text, srt, vtt and verbose_json answers relayed as the provider wrote them),
 * to OpenAI-format providers. The speech input and transcription prompt go through the Shield.
 */
@Injectable()
export class AudioService {
  private readonly logger = new Logger('audio');

  constructor(
    private readonly runner: EndpointRunner,
    private readonly uploads: UploadRelay,
    @Inject(UpstreamClient) private readonly client: UpstreamClient,
  ) {}

  async speech(ctx: CallContext, raw: unknown): Promise<AudioStream> {
    const caller = await this.runner.authenticate(ctx);
    const body = jsonObject(raw);
    requiredText(body, 'input');
    requiredText(body, 'voice');
    const started = await this.runner.run(ctx, caller, {
      endpoint: 'audio',
      name: 'audio.speech',
      model: modelOf(body),
      stream: true,
      visitTexts: (map) => (body.input = map(body.input as string)),
      serves: (adapter) => adapter.endpoints.has('audio') && adapter.format === 'openai-chat',
      attempt: (deployment, adapter) =>
        sendJsonPassthrough(this.client, deployment, adapter, {
          path: '/audio/speech',
          body,
          timeoutMs: this.runner.timeoutMs,
          signal: ctx.signal,
        }),
    });
    const answer = started.result;
    const headers = {
      ...started.headers(),
      'content-type': String(answer.headers['content-type'] ?? 'application/octet-stream'),
    };
    answer.body.once('close', () => {
      const error = answer.body.readableEnded
        ? undefined
        : new GatewayError('api_error', 'the audio stream ended early', { status: 502 });
      started
        .finish({ error })
        .catch((err: Error) => this.logger.error(`settling ${ctx.requestId} failed: ${err.message}`));
    });
    return { headers, body: answer.body };
  }

  transcribe(ctx: CallContext, form: Upload): Promise<GatewayOutcome> {
    return this.uploads.relay(ctx, form, TRANSCRIPTIONS);
  }

  translate(ctx: CallContext, form: Upload): Promise<GatewayOutcome> {
    return this.uploads.relay(ctx, form, TRANSLATIONS);
  }
}
