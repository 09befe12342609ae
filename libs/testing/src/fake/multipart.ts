import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { BodyError } from './body-reader';

/** A file part, counted as it streams by (its bytes are never kept). */
export interface MultipartFile {
  field: string;
  filename: string;
  mimeType: string;
  size: number;
}

export interface MultipartBody {
  /** Text fields; a field sent several times (`timestamp_granularities[]`) becomes an array. */
  fields: Record<string, string | string[]>;
  files: MultipartFile[];
}

export interface MultipartLimits {
  fileBytes: number;
  files: number;
  fields: number;
}

/** Stream-parses `multipart/form-data` with size limits: 400 if not multipart, 413 past a limit. */
export function multipartReader(limits: MultipartLimits): (req: IncomingMessage) => Promise<MultipartBody> {
  return (req) =>
    new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          limits: { fileSize: limits.fileBytes, files: limits.files, fields: limits.fields },
        });
      } catch (e) {
        reject(new BodyError(400, `expected a multipart/form-data body: ${(e as Error).message}`));
        return;
      }
      const body: MultipartBody = { fields: {}, files: [] };
      const fail = (error: BodyError) => {
        req.unpipe(parser);
        req.resume();
        reject(error);
      };
      parser.on('field', (name, value) => {
        const key = name.endsWith('[]') ? name.slice(0, -2) : name;
        const existing = body.fields[key];
        if (existing === undefined) body.fields[key] = name.endsWith('[]') ? [value] : value;
        else body.fields[key] = [...(Array.isArray(existing) ? existing : [existing]), value];
      });
      parser.on('file', (field, stream, info) => {
        const file: MultipartFile = {
          field: field.replace(/\[\]$/, ''),
          filename: info.filename ?? '',
          mimeType: info.mimeType,
          size: 0,
        };
        body.files.push(file);
        stream.on('data', (chunk: Buffer) => (file.size += chunk.length));
        stream.on('limit', () =>
          fail(new BodyError(413, `file ${field} is larger than ${limits.fileBytes} bytes`)),
        );
      });
      parser.on('filesLimit', () => fail(new BodyError(413, `more than ${limits.files} files`)));
      parser.on('fieldsLimit', () => fail(new BodyError(413, `more than ${limits.fields} fields`)));
      parser.on('error', (e: Error) => fail(new BodyError(400, `malformed multipart body: ${e.message}`)));
      parser.on('close', () => resolve(body));
      req.pipe(parser);
    });
}
