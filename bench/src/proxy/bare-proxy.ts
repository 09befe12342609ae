import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';

export interface BareProxy {
  port: number;
  close(): Promise<void>;
}

/** Headers that describe one connection, not the message: never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
]);

function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/**
 * The floor: a reverse proxy on node:http + undici that streams the request and the answer through
 * unchanged. Whatever it costs is what any Node hop costs; the gateway's overhead is judged against it.
 */
export async function startBareProxy(upstreamOrigin: string, port = 0): Promise<BareProxy> {
  const upstream = new Pool(upstreamOrigin, { connections: 256, keepAliveTimeout: 60_000 });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    upstream
      .request({
        method: req.method as 'POST',
        path: req.url ?? '/',
        headers: endToEnd(req.headers),
        body: req,
      })
      .then(async (answer) => {
        res.writeHead(answer.statusCode, endToEnd(answer.headers));
        await pipeline(answer.body, res);
      })
      .catch((err: Error) => {
        if (res.headersSent) res.destroy(err);
        else res.writeHead(502, { 'content-type': 'text/plain' }).end(`bare proxy: ${err.message}`);
      });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
