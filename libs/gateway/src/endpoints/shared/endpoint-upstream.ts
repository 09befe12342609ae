import type { DeploymentConfig } from '@verosek/config';
import { codecFor, GatewayError } from '@verosek/protocol';
import type { ProviderAdapter, UpstreamClient, UpstreamResponse } from '@verosek/providers';
import { UpstreamTransportError } from '@verosek/providers';
import type { AttemptFailure } from '@verosek/routing';
import type { Readable } from 'node:stream';
import { readErrorBody, transportFailure } from '../../upstream/chat-upstream';
import { upstreamFailure } from '../../upstream/upstream-failure';

/** A JSON call as a wire encodes it, before it is sent. */
export interface UpstreamBody {
  /** Path under the provider's versioned base. */
  path: string;
  body: unknown;
}

export interface EndpointRequest {
  /** Path under the provider's versioned base (`/embeddings`, `/models/x:embedContent`). */
  path: string;
  body: string | Readable;
  /** Overrides of the provider's headers (e.g. a multipart content-type). */
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Sends one attempt of a non-chat call to a deployment. A transport failure or an HTTP error answer
 * throws an AttemptFailure carrying the provider's error decoded by its codec; a success returns
 * the open answer, its body not yet read.
 */
export async function sendToEndpoint(
  client: UpstreamClient,
  deployment: DeploymentConfig,
  adapter: ProviderAdapter,
  call: EndpointRequest,
): Promise<UpstreamResponse> {
  const target = adapter.endpointTarget(deployment, call.path);
  let answer: UpstreamResponse;
  try {
    answer = await client.send({
      url: target.url,
      method: 'POST',
      headers: { ...target.headers, ...call.headers },
      body: call.body,
      timeoutMs: call.timeoutMs,
      signal: call.signal,
    });
  } catch (err) {
    if (err instanceof UpstreamTransportError) throw transportFailure(err);
    throw err;
  }
  if (answer.statusCode >= 400) {
    const body = await readErrorBody(answer.body);
    throw upstreamFailure(
      'http',
      codecFor(adapter.format).decodeError(answer.statusCode, body, answer.headers),
    );
  }
  return answer;
}

/** Sends a wire's JSON call and reads its JSON answer (both failures classified as above). */
export async function exchangeJson(
  client: UpstreamClient,
  deployment: DeploymentConfig,
  adapter: ProviderAdapter,
  call: UpstreamBody & Pick<EndpointRequest, 'timeoutMs' | 'signal'>,
): Promise<unknown> {
  const answer = await sendToEndpoint(client, deployment, adapter, {
    path: call.path,
    body: JSON.stringify(call.body),
    timeoutMs: call.timeoutMs,
    signal: call.signal,
  });
  return readJson(answer);
}

/** Reads a JSON answer; a body that is not JSON is the upstream's fault (502, may fall back). */
export async function readJson(answer: UpstreamResponse): Promise<unknown> {
  try {
    return await answer.body.json();
  } catch (err) {
    throw unreadableAnswer('answer', err);
  }
}

/** An answer the gateway cannot make sense of is the upstream's fault (502, may fall back). */
export function unreadableAnswer(what: string, err: unknown): AttemptFailure {
  return upstreamFailure('connection', {
    kind: 'api_error',
    status: 502,
    message: `bad upstream ${what}: ${(err as Error).message}`,
  });
}

/**
 * A wire's reading of a JSON answer: a GatewayError is a refusal the caller must see (e.g. a
 * content policy block), anything else an answer the gateway cannot read (502, may fall back).
 */
export function readWireAnswer<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw unreadableAnswer(what, err);
  }
}
