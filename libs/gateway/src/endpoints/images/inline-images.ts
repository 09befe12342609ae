import { GatewayError } from '@verosek/protocol';
import { readFile } from 'node:fs/promises';
import type { FormPart } from '../multipart/spooled-form';
import { invalid } from '../shared/json-fields';

export type FilePart = Extract<FormPart, { kind: 'file' }>;

/** An uploaded image as a request carries it inline. */
export interface InlineImage {
  mimeType: string;
  /** Base64. */
  data: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image types OpenAI's edits take, told by their bytes. */
const FORMATS: Array<[mimeType: string, matches: (bytes: Buffer) => boolean]> = [
  ['image/png', (bytes) => bytes.subarray(0, 8).equals(PNG_SIGNATURE)],
  ['image/jpeg', (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff],
  [
    'image/webp',
    (bytes) => bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP',
  ],
];

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** What a request that carries files inline has room for. */
export interface InlineRoom {
  /** The provider's limit on the whole request. */
  requestBytes: number;
  /** What the rest of the request takes (the prompt). */
  otherBytes: number;
  /** The field a refusal names. */
  field: string;
}

/**
 * Reads spooled image files into memory, base64, for a provider that takes them inline. The
 * request must stay within the provider's limit, checked from the spooled sizes before anything is
 * read (413 naming the field). The type comes from the bytes (PNG, JPEG, WebP), not the part's
 * label: SDKs often send `application/octet-stream`.
 */
export async function readInlineImages(files: FilePart[], room: InlineRoom): Promise<InlineImage[]> {
  const total = files.reduce((sum, file) => sum + base64Length(file.size), room.otherBytes);
  if (total > room.requestBytes)
    throw new GatewayError(
      'request_too_large',
      `Upload too large: the images and prompt come to ${total} bytes base64-encoded, more than the ${room.requestBytes} bytes the provider takes inline in one request.`,
      { code: 'request_too_large', param: room.field },
    );
  return Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file.path);
      const format = FORMATS.find(([, matches]) => matches(bytes));
      if (!format) throw invalid(room.field, `'${file.filename}' is not a PNG, JPEG or WebP image`);
      return { mimeType: format[0], data: bytes.toString('base64') };
    }),
  );
}
