import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseConfig, readEnv } from '@verosek/config';
import { randomUUID } from 'node:crypto';
import { bootstrapAuditService } from '../../apps/audit-service/src/bootstrap';
import { bootstrapKeysService } from '../../apps/keys-service/src/bootstrap';
import { DATABASE_URL, REDIS_URL } from './gateway-harness';

/**
 * The services an api-gateway in cluster mode leans on, started in this process on the real Redis
 * and Postgres (public schema, default queue prefix: what a cluster-mode gateway uses).
 */

/** A keys-transport namespace of its own, so parallel test files never answer each other's calls. */
export function uniqueTransportNamespace(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}:`;
}

/** The env a cluster-mode gateway needs, sharing `namespace` with its keys-service. */
export function clusterEnv(namespace: string): Record<string, string> {
  return { REDIS_URL, DATABASE_URL, VEROSEK_TRANSPORT_NAMESPACE: namespace };
}

function serviceEnv(namespace: string) {
  return readEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...clusterEnv(namespace) });
}

/** keys-service on the Redis transport under `namespace`. */
export function startKeysService(namespace: string, yaml = ''): Promise<NestFastifyApplication> {
  return bootstrapKeysService({
    env: serviceEnv(namespace),
    config: parseConfig(yaml, 'keys-service.yaml', {}),
    sweepIntervalMs: 3_600_000,
  });
}

/** audit-service consuming the gateway's audit queue into Postgres. */
export function startAuditService(): Promise<NestFastifyApplication> {
  return bootstrapAuditService({
    env: serviceEnv('unused:'),
    config: parseConfig('', 'audit-service.yaml', {}),
  });
}
