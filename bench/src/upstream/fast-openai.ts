import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionBody, streamEvents } from './openai-bodies';

export interface FastOpenAIOptions {
  port?: number;
  host?: string;
  /** Delay before the answer starts (0: answer as soon as the request body is in). */
  latencyMs?: number;
}

export interface FastOpenAI {
  /** Base URL including `/v1`, as a deployment's `api_base`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const STREAM_FLAG = /"stream"\s*:\s*true/;

/**
 * A minimal OpenAI chat-completions upstream that is never the bottleneck: no validation, no JSON
 * parsing, answers serialised once. Only for the benchmark; the faithful fakes live in libs/testing.
 */
export async function startFastOpenAI(options: FastOpenAIOptions = {}): Promise<FastOpenAI> {
  const latencyMs = options.latencyMs ?? 0;
  const json = completionBody();
  const events = streamEvents();
  const jsonHeaders = { 'content-type': 'application/json', 'content-length': String(json.length) };
  const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

  const answer = (res: ServerResponse, stream: boolean) => {
    if (!stream) {
      res.writeHead(200, jsonHeaders).end(json);
      return;
    }
    res.writeHead(200, sseHeaders);
    for (const event of events) res.write(event);
    res.end();
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        req.url === '/health'
          ? '{"ok":true}'
          : '{"error":{"message":"not found","type":"invalid_request_error"}}',
      );
      return;
    }
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const stream = STREAM_FLAG.test(Buffer.concat(parts).toString('latin1'));
      if (latencyMs > 0) setTimeout(answer, latencyMs, res, stream);
      else answer(res, stream);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
