import type { ScriptedError } from './answer';

export type Headers = Record<string, string>;

/** A whole response body. */
export interface BodyReply {
  kind: 'body';
  status: number;
  headers: Headers;
  body: string | Buffer;
}

/** A streamed response: frames written in order, then the trailer. */
export interface StreamReply {
  kind: 'stream';
  status: number;
  headers: Headers;
  /** One stream event each (an SSE event, or one element of a JSON array). */
  frames: string[];
  /** Written after the last frame (`data: [DONE]\n\n`, the `]` closing a JSON array...), if any. */
  trailer?: string;
  /** What the provider sends when it fails after `framesWritten` frames; ends the stream. */
  errorFrame(error: ScriptedError, framesWritten: number): string;
}

export type Reply = BodyReply | StreamReply;

export function jsonReply(status: number, body: unknown, headers: Headers = {}): BodyReply {
  return {
    kind: 'body',
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** `event: <name>` (when named) and `data: <json>`, LF framing. */
export function sseFrame(data: unknown, event?: string): string {
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${json}\n\n`;
}
