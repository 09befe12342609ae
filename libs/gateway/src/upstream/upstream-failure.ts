import type { GatewayErrorInfo } from '@verosek/protocol';

/**
 * An upstream attempt that failed: an HTTP error answer (already classified by the provider's
 * codec), a connection error or a timeout. Routing decides from it whether to retry and whether
 * it counts towards cooldown.
 */
export class UpstreamFailure extends Error {
  constructor(
    readonly transport: 'http' | 'connection' | 'timeout',
    readonly info: GatewayErrorInfo,
    /** The upstream's own HTTP status, when it answered. */
    readonly upstreamStatus?: number,
  ) {
    super(info.message);
    this.name = 'UpstreamFailure';
  }
}
