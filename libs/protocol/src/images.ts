import type { ImageSource } from './canonical';
import type { WireFormat } from './codec';

/**
 * Whether `format` can only take image bytes, so that a canonical `url` image must be fetched and
 * inlined (as base64) before encoding for it. Gemini's `fileData` only takes uploaded-file URIs;
 * OpenAI and Anthropic fetch public URLs themselves.
 */
export function needsInlineImages(format: WireFormat): boolean {
  return format === 'gemini';
}

/** `data:<media type>;base64,<data>` -> base64 source; any other URL stays a URL. */
export function imageSourceFromUrl(url: string): ImageSource {
  const inline = parseDataUrl(url);
  return inline === undefined
    ? { kind: 'url', url }
    : { kind: 'base64', mediaType: inline.mediaType, data: inline.data };
}

export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma === -1) return undefined;
  const meta = url.slice(5, comma);
  if (!meta.endsWith(';base64')) return undefined;
  return { mediaType: meta.slice(0, -7) || 'application/octet-stream', data: url.slice(comma + 1) };
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
