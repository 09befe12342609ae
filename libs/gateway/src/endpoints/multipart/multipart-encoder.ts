import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FormPart } from './spooled-form';

export interface EncodedForm {
  contentType: string;
  contentLength: number;
  body: Readable;
}

const CRLF = '\r\n';

/** Header values in a Content-Disposition: no quotes or line breaks can break out of them. */
function quoted(value: string): string {
  return `"${value.replace(/["\r\n]/g, (c) => encodeURIComponent(c))}"`;
}

function partHead(boundary: string, part: FormPart): Buffer {
  const disposition =
    part.kind === 'file'
      ? `form-data; name=${quoted(part.name)}; filename=${quoted(part.filename)}${CRLF}Content-Type: ${part.mimeType}`
      : `form-data; name=${quoted(part.name)}`;
  return Buffer.from(`--${boundary}${CRLF}Content-Disposition: ${disposition}${CRLF}${CRLF}`);
}

/**
 * Re-encodes spooled parts as a fresh `multipart/form-data` body, streaming each file from disk.
 * The length is known up front, so the provider gets a Content-Length, not a chunked upload.
 */
export function encodeForm(parts: FormPart[]): EncodedForm {
  const boundary = `verosek-${randomBytes(12).toString('hex')}`;
  const heads = parts.map((part) => partHead(boundary, part));
  const values = parts.map((part) => (part.kind === 'field' ? Buffer.from(part.value) : undefined));
  const tail = Buffer.from(`--${boundary}--${CRLF}`);
  let contentLength = tail.length;
  parts.forEach(
    (part, i) =>
      (contentLength +=
        heads[i].length + (values[i]?.length ?? (part as { size: number }).size) + CRLF.length),
  );

  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      yield heads[i];
      if (part.kind === 'field') yield values[i]!;
      else yield* createReadStream(part.path) as AsyncIterable<Buffer>;
      yield Buffer.from(CRLF);
    }
    yield tail;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    body: Readable.from(chunks(), { objectMode: false }),
  };
}
