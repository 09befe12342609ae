import type { KeysClient } from '@verosek/contracts';
import type { CountersPort } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';

/** Flagged calls count against a key over this sliding window. */
export const SUSPENSION_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface SuspensionOutcome {
  /** Flagged calls of the key within the window, this one included. */
  flaggedCalls: number;
  /** The key was revoked (again, when it already was). */
  suspended: boolean;
  /** The limit was reached but keys-service knows no such key: nothing to revoke. */
  unknownKey?: boolean;
}

/** Counts a key's flagged calls in the shared counters and revokes the key at `suspendAfter`. */
export class KeySuspension {
  constructor(
    private readonly counters: CountersPort,
    private readonly keys: KeysClient,
    private readonly suspendAfter: number,
  ) {}

  static counterKey(keyId: string): string {
    return `shield:flagged:${keyId}`;
  }

  async flagged(keyId: string): Promise<SuspensionOutcome> {
    const window = await this.counters.slidingWindow(
      KeySuspension.counterKey(keyId),
      SUSPENSION_WINDOW_MS,
      this.suspendAfter,
      1,
    );
    // Refused means the window is already full: the key reached the limit before (a revocation that
    // failed then is retried now; revoking twice is harmless).
    const flaggedCalls = window.allowed ? window.used : this.suspendAfter;
    if (flaggedCalls < this.suspendAfter) return { flaggedCalls, suspended: false };
    try {
      await this.keys.revoke(keyId);
    } catch (error) {
      // Retrying cannot help a key that does not exist; any other failure is retried by the queue.
      if (error instanceof GatewayError && error.info.kind === 'not_found')
        return { flaggedCalls, suspended: false, unknownKey: true };
      throw error;
    }
    return { flaggedCalls, suspended: true };
  }
}
