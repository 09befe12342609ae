import type { ErrorKind, GatewayErrorInfo } from './canonical';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  budget_exceeded: 429,
  api_error: 500,
  overloaded: 529,
  unavailable: 503,
  timeout: 504,
};

/** An error the gateway answers with; every codec can encode it in its own format. */
export class GatewayError extends Error {
  readonly info: GatewayErrorInfo;

  constructor(
    kind: ErrorKind,
    message: string,
    extra: Partial<Omit<GatewayErrorInfo, 'kind' | 'message'>> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.info = { kind, message, status: extra.status ?? STATUS_BY_KIND[kind], ...extra };
  }

  static invalid(message: string, param?: string, code = 'invalid_request'): GatewayError {
    return new GatewayError('invalid_request', message, { param, code });
  }
}
