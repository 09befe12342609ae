import { GatewayError } from '@verosek/protocol';

export interface ScanRequest {
  text: string;
}

/** `{text}`: anything else is a 400 naming the field. */
export function parseScanRequest(body: unknown): ScanRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw GatewayError.invalid('the request body must be a JSON object with a string field "text"', 'text');
  const { text, ...rest } = body as Record<string, unknown>;
  if (typeof text !== 'string')
    throw GatewayError.invalid(
      `text must be a string (got ${text === undefined ? 'nothing' : typeof text})`,
      'text',
    );
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined)
    throw GatewayError.invalid(`unknown field ${unknown} (expected only text)`, unknown);
  return { text };
}
