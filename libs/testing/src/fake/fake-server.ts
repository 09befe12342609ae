import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScriptedAnswer, ScriptedFailure } from './answer';
import { AnswerBook } from './answer-book';
import { BodyError, drainBody, readJsonBody } from './body-reader';
import { resetConnection, writeBody, writeReply } from './reply-writer';
import type { FakeRequest, RecordedRequest } from './request';
import type { FakeProvider, Route } from './route';

export interface FakeServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay before every answer's first byte, in ms. */
  latencyMs?: number;
  /** Largest JSON body accepted (default 32 MiB); larger gets 413. */
  bodyLimitBytes?: number;
}

/** A running fake provider. */
export interface FakeServer {
  /** What an SDK takes as its base URL (OpenAI's includes `/v1`). */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for the next model calls (an answer with `model` waits for that model). */
  script(...answers: ScriptedAnswer[]): void;
  /** The next `count` model calls fail this way, before any scripted answer is used. */
  failNext(count: number, failure: ScriptedFailure): void;
  /** This share (0..1) of model calls fails (default: 500), reproducibly per seed. */
  setFailRate(rate: number, failure?: ScriptedFailure, seed?: number): void;
  setLatency(ms: number): void;
  /** Forgets requests, scripts, fault plans, fail rate, and sets latency back to the start value. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;

export async function startFakeServer(
  provider: FakeProvider,
  options: FakeServerOptions = {},
): Promise<FakeServer> {
  const book = new AnswerBook();
  const requests: RecordedRequest[] = [];
  const initialLatency = options.latencyMs ?? 0;
  let latencyMs = initialLatency;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const match = findRoute(provider.routes, method, url.pathname);
    const base = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    };
    if (!match) {
      await drainBody(req);
      requests.push({
        ...base,
        body: undefined,
        valid: false,
        errors: [`no route for ${method} ${url.pathname}`],
      });
      return writeBody(res, provider.notFoundReply(method, url.pathname));
    }
    let body: unknown;
    try {
      body = await readBody(match.route, req, limit);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      requests.push({ ...base, body: undefined, valid: false, errors: [e.message] });
      if (e.status === 413) return writeBody(res, provider.errorReply({ status: 413, message: e.message }));
      return writeBody(res, provider.invalidRequestReply([e.message]));
    }
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: match.params,
    };
    const validation = match.route.validate?.(request) ?? { valid: true, errors: [] };
    requests.push({ ...base, body, valid: validation.valid, errors: validation.errors });

    const authFailure = match.route.public ? null : provider.authenticate(request);
    if (authFailure) return writeBody(res, authFailure);
    if (!validation.valid) return writeBody(res, provider.invalidRequestReply(validation.errors));

    const answer = match.route.model ? book.next(match.route.model(request)) : undefined;
    const delay = answer?.latencyMs ?? latencyMs;
    if (delay > 0) await sleep(delay);
    if (answer?.fault === 'reset') return resetConnection(res);
    if (answer?.fault === 'stall') return;
    if (answer?.error && answer.fault !== 'error-mid-stream')
      return writeBody(res, provider.errorReply(answer.error));
    const reply = await match.route.reply(request, answer);
    await writeReply(res, reply, answer, (error) => provider.errorReply(error));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug in the fake itself: say so loudly, in the provider's format.
      if (res.headersSent) return res.destroy();
      writeBody(
        res,
        provider.errorReply({
          status: 500,
          message: `fake ${provider.name} failed: ${(e as Error).stack ?? String(e)}`,
        }),
      );
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port, address } = server.address() as AddressInfo;

  return {
    baseUrl: `http://${address}:${port}${provider.basePath}`,
    port,
    requests,
    script: (...answers) => book.script(...answers),
    failNext: (count, failure) => book.failNext(count, failure),
    setFailRate: (rate, failure, seed) => book.setFailRate(rate, failure, seed),
    setLatency: (ms) => {
      if (!(ms >= 0)) throw new Error(`setLatency: ms must be >= 0, got ${ms}`);
      latencyMs = ms;
    },
    reset: () => {
      book.reset();
      requests.length = 0;
      latencyMs = initialLatency;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.path.exec(path);
    if (m) return { route, params: { ...m.groups } };
  }
  return null;
}

async function readBody(route: Route, req: http.IncomingMessage, limit: number): Promise<unknown> {
  if (route.body === 'none') {
    await drainBody(req);
    return undefined;
  }
  if (route.body === 'json') return readJsonBody(req, limit);
  return route.body(req);
}
