import type { IncomingHttpHeaders } from 'node:http';

/** A request as a fake's routes see it: body already parsed. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Named groups of the route's path pattern (e.g. Gemini's `model`). */
  params: Record<string, string>;
}

/** What a fake recorded of one request, for tests to assert on what the gateway sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Whether the body met the provider's spec (and the request reached a known route). */
  valid: boolean;
  errors: string[];
}

/** One header's value (the first, if repeated). */
export function header(request: Pick<FakeRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
