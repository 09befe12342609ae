import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON body up to `limit` bytes; an empty body reads as undefined. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, `request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BodyError(400, `request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads and drops a body (GET routes, rejected requests), so the connection stays usable. */
export async function drainBody(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // discard
  }
}
