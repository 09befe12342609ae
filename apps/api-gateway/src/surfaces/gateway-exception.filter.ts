import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { sendError } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Every error leaves in the caller's SDK error format (DESIGN §5). */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception);
  }
}
