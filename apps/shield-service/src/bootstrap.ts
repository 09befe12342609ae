import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayEnv, loadConfig, readEnv, requireClusterEnv } from '@verosek/config';
import { ShieldServiceModule, ShieldServiceModuleOptions } from './shield-service.module';

export const SHIELD_SERVICE_DEFAULT_PORT = 8083;

export interface ShieldServiceBootOptions extends Partial<Omit<ShieldServiceModuleOptions, 'env'>> {
  env?: GatewayEnv;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
}

export async function bootstrapShieldService(
  options: ShieldServiceBootOptions = {},
): Promise<NestFastifyApplication> {
  const env = requireClusterEnv(
    options.env ?? readEnv(process.env, SHIELD_SERVICE_DEFAULT_PORT),
    'shield-service',
  );
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
