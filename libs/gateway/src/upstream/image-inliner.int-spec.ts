import type { CanonicalRequest } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inlineImageUrls } from './image-inliner';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function requestWith(url: string, mediaType?: string): CanonicalRequest {
  return {
    model: 'm',
    system: [],
    stream: false,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image', source: { kind: 'url', url, mediaType } },
        ],
      },
    ],
  };
}

describe('inlineImageUrls (a loopback image server)', () => {
  let server: Server;
  let base: string;
  const limits = { maxBodyBytes: 1 << 20, imageFetchMaxBytes: 1024, allowPrivateImageUrls: true };

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/pixel.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      else if (req.url === '/huge.png')
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(4096));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('inlines a web image as base64 with its content type', async () => {
    const out = await inlineImageUrls(requestWith(`${base}/pixel.png`), limits);
    expect(out.messages[0].content[1]).toEqual({
      type: 'image',
      source: { kind: 'base64', mediaType: 'image/png', data: PNG.toString('base64') },
    });
  });

  it('leaves provider file references (with a media type) and image-free requests alone', async () => {
    const fileRef = requestWith('https://generativelanguage.googleapis.com/v1beta/files/abc', 'image/png');
    expect(await inlineImageUrls(fileRef, limits)).toBe(fileRef);
  });

  it.each([
    [
      'a loopback address when private URLs are not allowed',
      '/pixel.png',
      { ...limits, allowPrivateImageUrls: false },
      'private and loopback',
    ],
    ['a non-image answer', '/page.html', limits, 'text/html is not an image'],
    ['an image over the size limit', '/huge.png', limits, 'larger than 1024 bytes'],
    ['a missing image', '/nope.png', limits, 'HTTP 404'],
  ])('refuses %s with 400 naming the field', async (_label, path, opts, why) => {
    const err = await inlineImageUrls(requestWith(`${base}${path}`), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).info).toMatchObject({
      status: 400,
      code: 'image_fetch_failed',
      param: 'messages[0].content[1]',
    });
    expect((err as GatewayError).message).toContain(why);
  });

  it('refuses schemes other than http(s)', async () => {
    const err = await inlineImageUrls(requestWith('file:///etc/passwd'), limits).catch((e: unknown) => e);
    expect((err as GatewayError).message).toContain('only http(s)');
  });
});
