import { DynamicModule, Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayEnv } from './env';

const LOG_LEVELS: Record<GatewayEnv['logLevel'], LogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error'],
  info: ['log', 'warn', 'error'],
  warn: ['warn', 'error'],
  error: ['error'],
};

export interface ServiceAppOptions {
  /** The app's name in its start-up log line. */
  name: string;
  module: DynamicModule;
  env: GatewayEnv;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
  /** Runs before listening (e.g. to connect a microservice transport). */
  beforeListen?: (app: NestFastifyApplication) => Promise<void>;
}

/**
 * A companion app (keys-, shield-, audit-service): Fastify for its health endpoints, shutdown hooks
 * so SIGTERM finishes the work in flight before the connections close, then listen on PORT.
 */
export async function startServiceApp(options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const { env } = options;
  const app = await NestFactory.create<NestFastifyApplication>(options.module, new FastifyAdapter(), {
    logger: LOG_LEVELS[env.logLevel],
  });
  app.enableShutdownHooks();
  if (options.listen === false) {
    await app.init();
    return app;
  }
  await options.beforeListen?.(app);
  await app.listen(env.port, env.host);
  new Logger('verosek').log(`${options.name} listening on http://${env.host}:${env.port}`);
  return app;
}
