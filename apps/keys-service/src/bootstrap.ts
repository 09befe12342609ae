import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { loadConfig, readEnv, startServiceApp } from '@verosek/config';
import { keysTransportServer } from '@verosek/keys';
import { KeysServiceModule } from './keys-service.module';

export const KEYS_SERVICE_DEFAULT_PORT = 8082;

export interface KeysServiceBootOptions {
  env?: GatewayEnv;
  config?: VerosekConfig;
  schema?: string;
  sweepIntervalMs?: number;
  /** Channel namespace of the Redis transport; default VEROSEK_TRANSPORT_NAMESPACE. */
  transportNamespace?: string;
}

/**
 * keys-service as a hybrid app: the message handlers on the Redis transport (REDIS_URL), and an HTTP
 * listener (PORT, default 8082) for /health/live and /health/ready.
 */
export async function bootstrapKeysService(
  options: KeysServiceBootOptions = {},
): Promise<NestFastifyApplication> {
  const env = options.env ?? readEnv(process.env, KEYS_SERVICE_DEFAULT_PORT);
  const redisUrl = env.redisUrl;
  if (!redisUrl)
    throw new Error('keys-service needs REDIS_URL: it serves its callers over the Redis transport');
  const config = options.config ?? loadConfig();
  return startServiceApp({
    name: 'keys-service',
    module: KeysServiceModule.forRoot({
      env: { ...env, redisUrl },
      config,
      schema: options.schema,
      sweepIntervalMs: options.sweepIntervalMs,
    }),
    env,
    beforeListen: async (app) => {
      app.connectMicroservice(
        keysTransportServer({ redisUrl, namespace: options.transportNamespace ?? env.transportNamespace }),
        { inheritAppConfig: true },
      );
      await app.startAllMicroservices();
    },
  });
}
