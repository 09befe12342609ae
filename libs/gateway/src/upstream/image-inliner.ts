import type { LimitsConfig } from '@verosek/config';
import type { CanonicalRequest, ContentPart } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const FETCH_TIMEOUT_MS = 10_000;

/** Loopback, private, link-local, CGNAT and unique-local ranges: never fetched unless allowed. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** A web URL the provider can't fetch itself (provider file references carry a media type and stay). */
function isWebImage(part: ContentPart): boolean {
  return part.type === 'image' && part.source.kind === 'url' && part.source.mediaType === undefined;
}

/**
 * For providers that need image bytes (Gemini): fetches each web image of a request and inlines it
 * as base64, with a size limit, a timeout, an image content type, and no private addresses. Returns
 * the request unchanged (same object) when it has no web image.
 */
export async function inlineImageUrls(
  request: CanonicalRequest,
  limits: LimitsConfig,
): Promise<CanonicalRequest> {
  const hasUrl = request.messages.some((m) => m.content.some(isWebImage));
  if (!hasUrl) return request;
  const messages = await Promise.all(
    request.messages.map(async (message, i) => ({
      ...message,
      content: await Promise.all(
        message.content.map((part, j) => inlinePart(part, `messages[${i}].content[${j}]`, limits)),
      ),
    })),
  );
  return { ...request, messages };
}

async function inlinePart(part: ContentPart, param: string, limits: LimitsConfig): Promise<ContentPart> {
  if (!isWebImage(part) || part.type !== 'image' || part.source.kind !== 'url') return part;
  const { mediaType, data } = await fetchImage(part.source.url, param, limits);
  return { ...part, source: { kind: 'base64', mediaType, data } };
}

async function fetchImage(
  url: string,
  param: string,
  limits: LimitsConfig,
): Promise<{ mediaType: string; data: string }> {
  const fail = (why: string) =>
    GatewayError.invalid(`The image at ${url} could not be used: ${why}.`, param, 'image_fetch_failed');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw fail('only http(s) URLs are fetched');
  if (!limits.allowPrivateImageUrls && (await isPrivateHost(parsed.hostname)))
    throw fail('private and loopback addresses are not fetched');

  let response: Response;
  try {
    response = await fetch(parsed, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (err) {
    throw fail((err as Error).message);
  }
  if (!response.ok) throw fail(`HTTP ${response.status}`);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!mediaType.startsWith('image/')) throw fail(`content type ${mediaType || 'missing'} is not an image`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limits.imageFetchMaxBytes) throw fail(`larger than ${limits.imageFetchMaxBytes} bytes`);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limits.imageFetchMaxBytes) throw fail(`larger than ${limits.imageFetchMaxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return { mediaType, data: Buffer.concat(chunks).toString('base64') };
}

async function isPrivateHost(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return true;
  return addresses.some(({ address, family }) => PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4'));
}
