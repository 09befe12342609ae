import type { Readable } from 'node:stream';
import { Agent, errors as undiciErrors, request } from 'undici';
import type { Dispatcher } from 'undici';

export interface UpstreamCall {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** A stream (an upload spooled to disk) is sent as it is read. */
  body?: string | Buffer | Readable;
  /** Time allowed for the answer's headers, and between two body chunks. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export type UpstreamResponse = Dispatcher.ResponseData;

/** Why an upstream call produced no HTTP answer. */
export class UpstreamTransportError extends Error {
  constructor(
    readonly kind: 'connection' | 'timeout',
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'UpstreamTransportError';
  }
}

const TIMEOUT_ERRORS = [
  undiciErrors.HeadersTimeoutError,
  undiciErrors.BodyTimeoutError,
  undiciErrors.ConnectTimeoutError,
];

/** Sends upstream calls over one keep-alive connection pool per origin (undici Agent). */
export class UpstreamClient {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 256,
  });

  async send(call: UpstreamCall): Promise<UpstreamResponse> {
    try {
      return await request(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        dispatcher: this.agent,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
        signal: call.signal,
      });
    } catch (err) {
      throw toTransportError(err);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

export function toTransportError(err: unknown): UpstreamTransportError {
  if (err instanceof UpstreamTransportError) return err;
  const isTimeout = TIMEOUT_ERRORS.some((type) => err instanceof type);
  const message = err instanceof Error ? err.message : String(err);
  return new UpstreamTransportError(isTimeout ? 'timeout' : 'connection', message, err);
}
