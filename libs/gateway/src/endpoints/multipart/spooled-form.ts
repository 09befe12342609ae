import busboy from 'busboy';
import { GatewayError } from '@verosek/protocol';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type FormPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; filename: string; mimeType: string; path: string; size: number };

export interface UploadLimits {
  /** Largest file part, in bytes (413 past it). */
  fileBytes: number;
  files: number;
  fields: number;
  /** Largest text field, in bytes. */
  fieldBytes: number;
}

/**
 * A `multipart/form-data` upload, read once as it arrives: text fields kept in memory (small,
 * bounded), each file part written to its own temp file, in arrival order. Spooling the file
 * (instead of piping the upload straight upstream) lets routing know the model whatever the part
 * order (the SDKs often send the file first), and lets a fallback send the same upload again.
 * Memory stays flat: bytes go from the socket to disk and later from disk to the provider.
 */
export class SpooledForm {
  private constructor(
    readonly parts: FormPart[],
    private readonly dir: string,
  ) {}

  static async read(
    source: Readable,
    headers: IncomingHttpHeaders,
    limits: UploadLimits,
  ): Promise<SpooledForm> {
    const dir = await mkdtemp(join(tmpdir(), 'verosek-upload-'));
    const form = new SpooledForm([], dir);
    try {
      await readInto(form.parts, dir, source, headers, limits);
      return form;
    } catch (err) {
      await form.dispose();
      throw err;
    }
  }

  field(name: string): string | undefined {
    const part = this.parts.find((p) => p.kind === 'field' && p.name === name);
    return part?.kind === 'field' ? part.value : undefined;
  }

  /** Sets a text field (first occurrence), or appends it when the form has none. */
  setField(name: string, value: string): void {
    const part = this.parts.find((p) => p.kind === 'field' && p.name === name);
    if (part?.kind === 'field') part.value = value;
    else this.parts.push({ kind: 'field', name, value });
  }

  files(): Extract<FormPart, { kind: 'file' }>[] {
    return this.parts.filter((p): p is Extract<FormPart, { kind: 'file' }> => p.kind === 'file');
  }

  /** Removes the temp files; call once the call is over, however it ended. */
  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

function readInto(
  parts: FormPart[],
  dir: string,
  source: Readable,
  headers: IncomingHttpHeaders,
  limits: UploadLimits,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        limits: {
          fileSize: limits.fileBytes,
          files: limits.files,
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
        },
      });
    } catch (err) {
      reject(GatewayError.invalid(`Expected a multipart/form-data body: ${(err as Error).message}`, 'body'));
      return;
    }
    const writes: Promise<void>[] = [];
    const spools: WriteStream[] = [];
    let failed = false;
    const fail = (error: GatewayError) => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.resume();
      // Not synchronously: busboy may be inside the callback that reported the limit.
      setImmediate(() => spools.forEach((spool) => spool.destroy()));
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(tooLarge(`field '${name}' is larger than ${limits.fieldBytes} bytes`));
      else parts.push({ kind: 'field', name, value });
    });
    parser.on('file', (name, stream, info) => {
      const part: FormPart = {
        kind: 'file',
        name,
        filename: info.filename ?? 'upload',
        mimeType: info.mimeType,
        path: join(dir, String(parts.length)),
        size: 0,
      };
      parts.push(part);
      stream.on('data', (chunk: Buffer) => (part.size += chunk.length));
      stream.on('limit', () => fail(tooLarge(`file '${name}' is larger than ${limits.fileBytes} bytes`)));
      const spool = createWriteStream(part.path);
      spools.push(spool);
      writes.push(pipeline(stream, spool).catch((err: Error) => fail(spoolFailed(err))));
    });
    parser.on('filesLimit', () => fail(tooLarge(`more than ${limits.files} files`)));
    parser.on('fieldsLimit', () => fail(tooLarge(`more than ${limits.fields} fields`)));
    parser.on('error', (err: Error) =>
      fail(GatewayError.invalid(`Malformed multipart body: ${err.message}`, 'body')),
    );
    parser.on('close', () => {
      void Promise.all(writes).then(() => (failed ? undefined : resolve()));
    });
    source.pipe(parser);
  });
}

function spoolFailed(err: Error): GatewayError {
  return new GatewayError('api_error', `could not spool the upload: ${err.message}`);
}

function tooLarge(message: string): GatewayError {
  return new GatewayError('request_too_large', `Upload too large: ${message}.`, {
    code: 'request_too_large',
  });
}
