import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayEnv, loadConfig, readEnv, requireClusterEnv, startServiceApp } from '@verosek/config';
import { ShieldServiceModule, ShieldServiceModuleOptions } from './shield-service.module';

export const SHIELD_SERVICE_DEFAULT_PORT = 8083;

export interface ShieldServiceBootOptions extends Partial<Omit<ShieldServiceModuleOptions, 'env'>> {
  env?: GatewayEnv;
  /** Listen (default) or only initialise (tests using inject). */
  listen?: boolean;
}

/** SIGTERM: stop taking jobs, finish those in flight, flush their audit records. */
export async function bootstrapShieldService(
  options: ShieldServiceBootOptions = {},
): Promise<NestFastifyApplication> {
  const env = requireClusterEnv(
    options.env ?? readEnv(process.env, SHIELD_SERVICE_DEFAULT_PORT),
    'shield-service',
  );
  const config = options.config ?? loadConfig();
  return startServiceApp({
    name: 'shield-service',
    module: ShieldServiceModule.forRoot({ ...options, env, config }),
    env,
    listen: options.listen,
  });
}
