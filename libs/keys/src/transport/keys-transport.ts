import type { CustomStrategy } from '@nestjs/microservices';
import { ClientRedis, ServerRedis } from '@nestjs/microservices';
import type { RedisTransportConfig } from './redis-transport-options';
import { redisTransportConfig } from './redis-transport-options';

/**
 * Nest's Redis transport with an optional channel namespace. Redis pub/sub channels are global to the
 * server (not per database), so two installations (or two test runs) sharing one Redis would answer
 * each other's requests; a namespace keeps them apart. Without one, channels are Nest's defaults.
 */
export interface KeysTransportOptions {
  redisUrl: string;
  namespace?: string;
}

class NamespacedServerRedis extends ServerRedis {
  constructor(
    private readonly namespace: string,
    options: RedisTransportConfig,
  ) {
    super(options);
  }

  override getRequestPattern(pattern: string): string {
    return `${this.namespace}${pattern}`;
  }

  /** Requests arrive on the namespaced channel; handlers are registered under the bare pattern. */
  override getHandlerByPattern(channel: string): ReturnType<ServerRedis['getHandlerByPattern']> {
    return super.getHandlerByPattern(
      channel.startsWith(this.namespace) ? channel.slice(this.namespace.length) : channel,
    );
  }
}

class NamespacedClientRedis extends ClientRedis {
  constructor(
    private readonly namespace: string,
    options: RedisTransportConfig,
  ) {
    super(options);
  }

  override getRequestPattern(pattern: string): string {
    return `${this.namespace}${pattern}`;
  }

  override getReplyPattern(pattern: string): string {
    return `${this.namespace}${pattern}.reply`;
  }
}

function prefix(namespace: string | undefined): string {
  return namespace ? `${namespace}:` : '';
}

/** keys-service's side: pass to `app.connectMicroservice`. */
export function keysTransportServer(options: KeysTransportOptions): CustomStrategy {
  return {
    strategy: new NamespacedServerRedis(prefix(options.namespace), redisTransportConfig(options.redisUrl)),
  };
}

/** The callers' side: the ClientProxy under RedisKeysClient. */
export function keysTransportClient(options: KeysTransportOptions): ClientRedis {
  return new NamespacedClientRedis(prefix(options.namespace), redisTransportConfig(options.redisUrl));
}
