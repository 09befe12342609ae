import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { loadConfig, readEnv } from '@verosek/config';
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiGatewayModule } from './api-gateway.module';
import { GatewayExceptionFilter } from './surfaces/gateway-exception.filter';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface GatewayBootOptions {
  env?: GatewayEnv;
  config?: VerosekConfig;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
}

/** Builds the api-gateway (embedded or cluster mode, decided by REDIS_URL) and starts listening. */
export async function bootstrapGateway(options: GatewayBootOptions = {}): Promise<NestFastifyApplication> {
  const env = options.env ?? readEnv();
  const config = options.config ?? loadConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.limits.maxBodyBytes,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given)
        ? given
        : `req_${randomUUID().replace(/-/g, '')}`;
    },
    logger: env.logLevel === 'debug' ? { level: 'debug' } : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiGatewayModule.forRoot(env, config),
    adapter,
    {
      logger: env.logLevel === 'debug' ? ['debug', 'log', 'warn', 'error'] : ['log', 'warn', 'error'],
      bufferLogs: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // Under VEROSEK_WORKERS > 1, which worker answered (its node:cluster id, not its pid).
  const workerId = cluster.isWorker ? String(cluster.worker?.id) : undefined;
  fastify.addHook('onRequest', (req, reply, done) => {
    (req as typeof req & { startedAt: number }).startedAt = performance.now();
    reply.header('x-request-id', req.id);
    if (workerId) reply.header('x-verosek-worker', workerId);
    done();
  });
  // Uploads (image edits, transcriptions...) are left unread: the endpoint streams them to disk
  // under its own size limits (libs/gateway endpoints/multipart).
  fastify.addContentTypeParser('multipart/form-data', (_req, _payload, done) => done(null));
  app.useGlobalFilters(new GatewayExceptionFilter());
  app.enableShutdownHooks();
  if (options.listen === false) {
    await app.init();
    return app;
  }
  await app.listen(env.port, env.host);
  const mode = env.redisUrl ? 'cluster' : 'embedded';
  new Logger('verosek').log(
    `api-gateway listening on http://${env.host}:${env.port} (${mode} mode, ${config.models.length} model groups from ${config.source})`,
  );
  return app;
}
