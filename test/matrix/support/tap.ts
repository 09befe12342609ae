import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call as it crossed the tap: what the gateway answered, byte for byte. */
export interface TappedExchange {
  method: string;
  path: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Tap {
  /** Point the SDKs here instead of at the gateway. */
  readonly url: string;
  readonly exchanges: TappedExchange[];
  /** The last exchange (the call a test just made), once every call in flight has ended. */
  last(): Promise<TappedExchange>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of the gateway that keeps each raw answer, so tests can check the
 * gateway's own bytes against the caller's spec while the official SDKs do the talking. It streams
 * through as it reads: the SDK sees chunks when the gateway sends them.
 */
export async function startTap(target: string): Promise<Tap> {
  const exchanges: TappedExchange[] = [];
  let inFlight = 0;
  let idle: Array<() => void> = [];
  const ended = () => {
    if (--inFlight > 0) return;
    for (const wake of idle) wake();
    idle = [];
  };
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    inFlight++;
    const pieces: Buffer[] = [];
    let answered: http.IncomingMessage | undefined;
    // Recorded when the caller's side closes, however it ends (done, or the SDK hung up mid-stream).
    res.on('close', () => {
      exchanges.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: answered?.statusCode ?? 0,
        headers: answered?.headers ?? {},
        body: Buffer.concat(pieces).toString('utf8'),
      });
      ended();
    });
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        answered = answer;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (piece: Buffer) => {
          pieces.push(piece);
          res.write(piece);
        });
        answer.on('end', () => res.end());
        answer.on('error', (err) => res.destroy(err));
      },
    );
    forward.on('error', (err) => res.destroy(err));
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    last: async () => {
      if (inFlight > 0) await new Promise<void>((wake) => idle.push(wake));
      const exchange = exchanges.at(-1);
      if (!exchange) throw new Error('tap: no exchange recorded');
      return exchange;
    },
    reset: () => {
      exchanges.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
