import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayEnv, loadConfig, readEnv, requireClusterEnv } from '@verosek/config';
import { AuditServiceModule, AuditServiceModuleOptions } from './audit-service.module';

export const AUDIT_SERVICE_DEFAULT_PORT = 8084;

export interface AuditServiceBootOptions extends Partial<Omit<AuditServiceModuleOptions, 'env'>> {
  env?: GatewayEnv;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
}

export async function bootstrapAuditService(
  options: AuditServiceBootOptions = {},
): Promise<NestFastifyApplication> {
  const env = requireClusterEnv(
    options.env ?? readEnv(process.env, AUDIT_SERVICE_DEFAULT_PORT),
    'audit-service',
  );
  const config = options.config ?? loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(
    AuditServiceModule.forRoot({ ...options, env, config }),
    new FastifyAdapter(),
    { logger: env.logLevel === 'debug' ? ['debug', 'log', 'warn', 'error'] : ['log', 'warn', 'error'] },
  );
  // SIGTERM: stop taking jobs and write the batch in progress before the connections close.
  app.enableShutdownHooks();
  if (options.listen === false) {
    await app.init();
    return app;
  }
  await app.listen(env.port, env.host);
  new Logger('verosek').log(`audit-service listening on http://${env.host}:${env.port}`);
  return app;
}
