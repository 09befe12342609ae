import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { codecFor, GatewayError } from '@verosek/protocol';
import type { FastifyReply } from 'fastify';

/** Admin answers use the OpenAI error body `{error: {message, type, param, code}}` whatever the path. */
@Catch(GatewayError)
export class AdminErrorFilter implements ExceptionFilter<GatewayError> {
  catch(error: GatewayError, host: ArgumentsHost): void {
    const encoded = codecFor('openai-chat').encodeError(error.info);
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(encoded.status)
      .headers(encoded.headers)
      .send(encoded.body);
  }
}
