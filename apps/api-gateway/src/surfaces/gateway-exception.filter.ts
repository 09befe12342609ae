import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { sendError } from '@verosek/gateway';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Every error on an SDK surface leaves in the caller's SDK error format (DESIGN §5). Operational
 * routes (`/health/*`) keep their own bodies, e.g. terminus' readiness report with its reasons.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof HttpException && req.url.startsWith('/health/')) {
      reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    sendError(req, reply, exception);
  }
}
