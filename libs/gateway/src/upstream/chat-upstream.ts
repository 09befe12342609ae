import type { DeploymentConfig, LimitsConfig } from '@verosek/config';
import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent, WireCodec } from '@verosek/protocol';
import { codecFor, needsInlineImages } from '@verosek/protocol';
import type { ProviderAdapter, UpstreamResponse } from '@verosek/providers';
import { providerFor, UpstreamClient, UpstreamTransportError } from '@verosek/providers';
import { AttemptFailure } from '@verosek/routing';
import type { TappedFrame } from './first-token-stream';
import { openAtFirstToken, openFramesAtFirstToken } from './first-token-stream';
import { inlineImageUrls } from './image-inliner';
import { upstreamFailure } from './upstream-failure';

export type OpenedChat =
  | { stream: false; response: CanonicalResponse }
  | { stream: true; head: CanonicalStreamEvent[]; rest: AsyncGenerator<CanonicalStreamEvent>; abort(): void };

/** A same-format call: the provider's own answer, with what it means for metering and the Shield. */
export type PassedChat =
  | { passthrough: true; stream: false; response: CanonicalResponse; body: unknown }
  | {
      passthrough: true;
      stream: true;
      head: TappedFrame[];
      rest: AsyncGenerator<TappedFrame>;
      abort(): void;
    };

/** The caller's body, for deployments whose provider speaks the caller's format. */
export interface PassthroughCall {
  codec: WireCodec;
  body: Readonly<Record<string, unknown>>;
  stream: boolean;
  /**
   * Relay the stream's frames as the provider wrote them; otherwise the stream is decoded into
   * canonical events, for a gateway that must rewrite what it sends on (Shield post).
   */
  relayFrames: boolean;
}

export interface ChatCallOptions {
  timeoutMs: number;
  /** Client headers forwarded to providers that understand them (e.g. `anthropic-beta`). */
  forwardHeaders: Record<string, string>;
}

interface SentCall {
  answer: UpstreamResponse;
  codec: WireCodec;
}

/**
 * One attempt of a chat call against one deployment: encode for its provider (or pass the
 * caller's body through when the formats match), send, classify a failure, decode the answer
 * (or open the stream up to its first token).
 */
export class ChatUpstream {
  /** URL images already inlined for a request, so a fallback between two such providers fetches once. */
  private readonly inlined = new WeakMap<CanonicalRequest, Promise<CanonicalRequest>>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly limits: LimitsConfig,
  ) {}

  /** The format a deployment's provider speaks, to decide between `open` and `passThrough`. */
  formatOf(deployment: DeploymentConfig): WireCodec['format'] {
    return providerFor(deployment.provider).format;
  }

  async open(
    deployment: DeploymentConfig,
    original: CanonicalRequest,
    options: ChatCallOptions,
  ): Promise<OpenedChat> {
    const adapter = providerFor(deployment.provider);
    const codec = codecFor(adapter.format);
    const request = needsInlineImages(adapter.format) ? await this.withInlineImages(original) : original;
    // Usage is always asked for upstream: every call is metered, whatever the client asked.
    const body = codec.encodeRequest({ ...request, includeUsage: true }, deployment.model);
    const sent = await this.send(deployment, adapter, body, request.stream, options);
    return this.read(sent, async ({ answer }) => {
      if (!request.stream) return { stream: false, response: codec.decodeResponse(await answer.body.json()) };
      const opened = await openAtFirstToken(answer.body, codec.createStreamDecoder());
      return { stream: true, ...opened, abort: () => answer.body.destroy() };
    });
  }

  /** Sends the caller's own body (model replaced) to a provider of the caller's format. */
  async passThrough(
    deployment: DeploymentConfig,
    call: PassthroughCall,
    options: ChatCallOptions,
  ): Promise<PassedChat | OpenedChat> {
    const adapter = providerFor(deployment.provider);
    const body = call.codec.passthrough.request(call.body, deployment.model);
    const sent = await this.send(deployment, adapter, body, call.stream, options);
    return this.read(sent, async ({ answer, codec }) => {
      if (!call.stream) {
        const upstreamBody: unknown = await answer.body.json();
        return {
          passthrough: true,
          stream: false,
          response: codec.decodeResponse(upstreamBody),
          body: upstreamBody,
        };
      }
      const abort = () => answer.body.destroy();
      if (!call.relayFrames)
        return { stream: true, ...(await openAtFirstToken(answer.body, codec.createStreamDecoder())), abort };
      const opened = await openFramesAtFirstToken(answer.body, codec.createStreamDecoder());
      return { passthrough: true, stream: true, ...opened, abort };
    });
  }

  private async send(
    deployment: DeploymentConfig,
    adapter: ProviderAdapter,
    body: unknown,
    stream: boolean,
    options: ChatCallOptions,
  ): Promise<SentCall> {
    const codec = codecFor(adapter.format);
    const target = adapter.chatTarget(deployment, stream);
    const headers =
      adapter.format === 'anthropic-messages'
        ? { ...target.headers, ...options.forwardHeaders }
        : target.headers;
    let answer: UpstreamResponse;
    try {
      answer = await this.client.send({
        url: target.url,
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        timeoutMs: options.timeoutMs,
      });
    } catch (err) {
      throw transportFailure(err as UpstreamTransportError);
    }
    if (answer.statusCode >= 400) {
      const errorBody = await readErrorBody(answer.body);
      throw upstreamFailure('http', codec.decodeError(answer.statusCode, errorBody, answer.headers));
    }
    return { answer, codec };
  }

  /**
   * Reads a sent call's answer; anything that goes wrong reading it is this attempt's failure.
   * Destroying the body is what cancels the upstream request (no AbortController per attempt).
   */
  private async read<T>(sent: SentCall, reader: (sent: SentCall) => Promise<T>): Promise<T> {
    try {
      return await reader(sent);
    } catch (err) {
      sent.answer.body.destroy();
      if (err instanceof AttemptFailure) throw err;
      if (err instanceof UpstreamTransportError) throw transportFailure(err);
      throw upstreamFailure('connection', {
        kind: 'api_error',
        status: 502,
        message: `bad upstream answer: ${(err as Error).message}`,
      });
    }
  }

  private withInlineImages(request: CanonicalRequest): Promise<CanonicalRequest> {
    let pending = this.inlined.get(request);
    if (!pending) {
      pending = inlineImageUrls(request, this.limits);
      this.inlined.set(request, pending);
    }
    return pending;
  }
}

export function transportFailure(err: UpstreamTransportError): AttemptFailure {
  const timeout = err.kind === 'timeout';
  return upstreamFailure(err.kind, {
    kind: timeout ? 'timeout' : 'api_error',
    status: timeout ? 504 : 502,
    message: timeout ? 'upstream timed out' : `upstream connection failed: ${err.message}`,
  });
}

export async function readErrorBody(
  body: AsyncIterable<Buffer> & { text(): Promise<string> },
): Promise<unknown> {
  const text = await body.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
