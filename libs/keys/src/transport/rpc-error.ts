import type { ArgumentsHost, RpcExceptionFilter } from '@nestjs/common';
import { Catch, Logger } from '@nestjs/common';
import type { GatewayErrorInfo } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import type { Observable } from 'rxjs';
import { throwError } from 'rxjs';

/** How a handler's refusal crosses the Redis transport (Nest sends the thrown value as `err`). */
export interface RpcErrorPayload {
  gatewayError: GatewayErrorInfo;
}

export function toRpcError(err: unknown): RpcErrorPayload {
  if (err instanceof GatewayError) return { gatewayError: err.info };
  return {
    gatewayError: {
      kind: 'api_error',
      status: 500,
      message: 'keys-service failed on this request',
      code: 'keys_service_error',
    },
  };
}

/** The caller's side: the handler's GatewayError again, or 503 when keys-service could not be reached. */
export function fromRpcError(err: unknown): GatewayError {
  const info = (err as Partial<RpcErrorPayload> | null)?.gatewayError;
  if (info && typeof info.kind === 'string' && typeof info.message === 'string') {
    const { kind, message, ...extra } = info;
    return new GatewayError(kind, message, extra);
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new GatewayError('unavailable', `keys-service did not answer: ${reason}`, {
    code: 'keys_service_unavailable',
  });
}

/** keys-service's exception filter: every failure reaches the caller as a GatewayError. */
@Catch()
export class GatewayRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('KeysRpc');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    if (!(exception instanceof GatewayError))
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    return throwError(() => toRpcError(exception));
  }
}
