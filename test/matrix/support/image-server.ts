import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves one PNG on loopback, for requests that give an image by URL. */
export async function serveImage(base64Png: string): Promise<{ url: string; close(): Promise<void> }> {
  const bytes = Buffer.from(base64Png, 'base64');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pixel.png`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
