import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { isMidStreamFault, type MidStreamFault, type ScriptedAnswer, type ScriptedError } from './answer';
import type { BodyReply, Reply } from './reply';

const DEFAULT_FAULT_AFTER = 2;
const DEFAULT_STREAM_ERROR: ScriptedError = { status: 500 };

/**
 * Writes a reply, or breaks it the way `answer.fault` says: after some stream frames (or half of a
 * body) the connection is reset, left hanging, or (streams) ended with the provider's error event.
 */
export async function writeReply(
  res: ServerResponse,
  reply: Reply,
  answer: ScriptedAnswer | undefined,
  errorReply: (error: ScriptedError) => BodyReply,
): Promise<void> {
  const fault = isMidStreamFault(answer?.fault) ? answer.fault : undefined;
  if (reply.kind === 'body') {
    if (fault === 'error-mid-stream')
      return writeBody(res, errorReply(answer?.error ?? DEFAULT_STREAM_ERROR));
    if (!fault) return writeBody(res, reply);
    const body = Buffer.from(reply.body);
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
    await writeChunk(res, body.subarray(0, Math.floor(body.length / 2)));
    return breakConnection(res, fault);
  }
  res.writeHead(reply.status, reply.headers);
  res.flushHeaders();
  const upTo = fault
    ? Math.min(answer?.faultAfterChunks ?? DEFAULT_FAULT_AFTER, reply.frames.length)
    : reply.frames.length;
  for (const frame of reply.frames.slice(0, upTo)) {
    if (!(await writeChunk(res, frame))) return;
  }
  if (fault === 'error-mid-stream') {
    res.end(reply.errorFrame(answer?.error ?? DEFAULT_STREAM_ERROR, upTo));
  } else if (fault) {
    breakConnection(res, fault);
  } else {
    res.end(reply.trailer ?? '');
  }
}

export function writeBody(res: ServerResponse, reply: BodyReply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Destroys the connection abruptly (a TCP reset where the platform allows it). */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function breakConnection(res: ServerResponse, fault: MidStreamFault): void {
  if (fault === 'reset-mid-stream') resetConnection(res);
  // stall: write nothing more; the socket stays open until the client gives up or the fake closes.
}

/** Writes with backpressure; false when the client went away. */
async function writeChunk(res: ServerResponse, chunk: string | Buffer): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  const drained = once(res, 'drain').then(() => true);
  const closed = once(res, 'close').then(() => false);
  return Promise.race([drained, closed]);
}
