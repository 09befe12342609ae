import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { EnvError, GatewayEnv, loadConfig, readEnv } from '@verosek/config';
import { ShieldServiceModule, ShieldServiceModuleOptions } from './shield-service.module';

export const SHIELD_SERVICE_DEFAULT_PORT = 8083;

export interface ShieldServiceBootOptions extends Partial<Omit<ShieldServiceModuleOptions, 'env'>> {
  env?: GatewayEnv;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
}

/** The queue, the counters and the keys transport live in Redis; readiness checks Postgres too. */
export function requireClusterEnv(env: GatewayEnv): ShieldServiceModuleOptions['env'] {
  if (!env.redisUrl)
    throw new EnvError(
      'REDIS_URL',
      'is required by shield-service (the classification queue lives in Redis)',
    );
  if (!env.databaseUrl) throw new EnvError('DATABASE_URL', 'is required by shield-service');
  return { ...env, redisUrl: env.redisUrl, databaseUrl: env.databaseUrl };
}

export async function bootstrapShieldService(
  options: ShieldServiceBootOptions = {},
): Promise<NestFastifyApplication> {
  const env = requireClusterEnv(options.env ?? readEnv(process.env, SHIELD_SERVICE_DEFAULT_PORT));
  const config = options.config ?? loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(
    ShieldServiceModule.forRoot({ ...options, env, config }),
    new FastifyAdapter(),
    { logger: env.logLevel === 'debug' ? ['debug', 'log', 'warn', 'error'] : ['log', 'warn', 'error'] },
  );
  // SIGTERM: stop taking jobs, finish those in flight, flush their audit records.
  app.enableShutdownHooks();
  if (options.listen === false) {
    await app.init();
    return app;
  }
  await app.listen(env.port, env.host);
  new Logger('verosek').log(`shield-service listening on http://${env.host}:${env.port}`);
  return app;
}
