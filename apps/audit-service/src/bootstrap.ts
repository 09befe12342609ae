import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayEnv, loadConfig, readEnv, requireClusterEnv, startServiceApp } from '@verosek/config';
import { AuditServiceModule, AuditServiceModuleOptions } from './audit-service.module';

export const AUDIT_SERVICE_DEFAULT_PORT = 8084;

export interface AuditServiceBootOptions extends Partial<Omit<AuditServiceModuleOptions, 'env'>> {
  env?: GatewayEnv;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
}

/** SIGTERM: stop taking jobs and write the batch in progress before the connections close. */
export async function bootstrapAuditService(
  options: AuditServiceBootOptions = {},
): Promise<NestFastifyApplication> {
  const env = requireClusterEnv(
    options.env ?? readEnv(process.env, AUDIT_SERVICE_DEFAULT_PORT),
    'audit-service',
  );
  const config = options.config ?? loadConfig();
  return startServiceApp({
    name: 'audit-service',
    module: AuditServiceModule.forRoot({ ...options, env, config }),
    env,
    listen: options.listen,
  });
}
