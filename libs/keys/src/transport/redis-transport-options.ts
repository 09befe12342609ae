import type { RedisOptions } from '@nestjs/microservices';

export type RedisTransportConfig = Required<RedisOptions>['options'];

/** Nest Redis-transport connection options from a `redis://` or `rediss://` URL (host, port, credentials, db, TLS). */
export function redisTransportConfig(redisUrl: string): RedisTransportConfig {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new TypeError('REDIS_URL is not a valid URL'); // never echo it: it may hold a password
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`REDIS_URL must start with redis:// or rediss://, got "${url.protocol}//"`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
