import type { DeploymentConfig, LimitsConfig } from '@verosek/config';
import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent } from '@verosek/protocol';
import { codecFor, needsInlineImages } from '@verosek/protocol';
import { providerFor, UpstreamClient, UpstreamTransportError } from '@verosek/providers';
import { openAtFirstToken } from './first-token-stream';
import { AttemptFailure } from '@verosek/routing';
import { inlineImageUrls } from './image-inliner';
import { upstreamFailure } from './upstream-failure';

export type OpenedChat =
  | { stream: false; response: CanonicalResponse }
  | { stream: true; head: CanonicalStreamEvent[]; rest: AsyncGenerator<CanonicalStreamEvent>; abort(): void };

export interface ChatCallOptions {
  timeoutMs: number;
  /** Client headers forwarded to providers that understand them (e.g. `anthropic-beta`). */
  forwardHeaders: Record<string, string>;
}

/**
 * One attempt of a chat call against one deployment: encode for its provider, send, classify a
 * failure, decode the answer (or open the stream up to its first token).
 */
export class ChatUpstream {
  /** URL images already inlined for a request, so a fallback between two such providers fetches once. */
  private readonly inlined = new WeakMap<CanonicalRequest, Promise<CanonicalRequest>>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly limits: LimitsConfig,
  ) {}

  async open(
    deployment: DeploymentConfig,
    original: CanonicalRequest,
    options: ChatCallOptions,
  ): Promise<OpenedChat> {
    const adapter = providerFor(deployment.provider);
    const codec = codecFor(adapter.format);
    const request = needsInlineImages(adapter.format) ? await this.withInlineImages(original) : original;
    const target = adapter.chatTarget(deployment, request.stream);
    const headers =
      adapter.format === 'anthropic-messages'
        ? { ...target.headers, ...options.forwardHeaders }
        : target.headers;
    // Usage is always asked for upstream: every call is metered, whatever the client asked.
    const body = JSON.stringify(codec.encodeRequest({ ...request, includeUsage: true }, deployment.model));
    const abort = new AbortController();

    let answer;
    try {
      answer = await this.client.send({
        url: target.url,
        method: 'POST',
        headers,
        body,
        timeoutMs: options.timeoutMs,
        signal: abort.signal,
      });
    } catch (err) {
      throw transportFailure(err as UpstreamTransportError);
    }

    if (answer.statusCode >= 400) {
      const errorBody = await readErrorBody(answer.body);
      throw upstreamFailure('http', codec.decodeError(answer.statusCode, errorBody, answer.headers));
    }
    try {
      if (!request.stream) return { stream: false, response: codec.decodeResponse(await answer.body.json()) };
      const opened = await openAtFirstToken(answer.body, codec.createStreamDecoder());
      return { stream: true, ...opened, abort: () => abort.abort() };
    } catch (err) {
      abort.abort();
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
