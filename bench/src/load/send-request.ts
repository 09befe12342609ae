import type { Dispatcher } from 'undici';

export interface PreparedTarget {
  path: string;
  headers: Record<string, string>;
  /** The body of the next request (sequencedBodies). */
  nextBody: () => Buffer;
  stream: boolean;
}

export interface Exchange {
  /** hrtime (ns) of the first body byte. */
  firstByteAt: bigint;
  /** hrtime (ns) of the end of the body. */
  endAt: bigint;
  /** Set when the answer was not a complete 200. */
  error?: string;
}

const STREAM_END = 'data: [DONE]';
const MAX_ERROR_TEXT = 200;

/** Sends one POST and reads the whole answer; a non-200 or a stream without its `[DONE]` is an error. */
export async function sendRequest(dispatcher: Dispatcher, target: PreparedTarget): Promise<Exchange> {
  const { statusCode, body } = await dispatcher.request({
    method: 'POST',
    path: target.path,
    headers: target.headers,
    body: target.nextBody(),
  });
  let firstByteAt: bigint | undefined;
  let tail = '';
  let errorText = '';
  for await (const chunk of body as AsyncIterable<Buffer>) {
    firstByteAt ??= process.hrtime.bigint();
    if (statusCode !== 200) {
      if (errorText.length < MAX_ERROR_TEXT) errorText += chunk.toString('utf8');
    } else if (target.stream) {
      tail = (tail + chunk.toString('latin1')).slice(-64);
    }
  }
  const endAt = process.hrtime.bigint();
  const exchange: Exchange = { firstByteAt: firstByteAt ?? endAt, endAt };
  if (statusCode !== 200) exchange.error = `HTTP ${statusCode}: ${errorText.slice(0, MAX_ERROR_TEXT)}`;
  else if (target.stream && !tail.includes(STREAM_END)) exchange.error = 'stream ended without data: [DONE]';
  return exchange;
}
