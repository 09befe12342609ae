import { once } from 'node:events';
import type { Redis } from 'ioredis';
import type { CooldownStore, HealthWatcher, StopWatching } from './cooldown-store';
import type {
  CooldownPolicy,
  DeploymentHealth,
  FailureTransition,
  ProbeClaim,
  Recorded,
  SuccessTransition,
} from './deployment-health';
import { CLAIM_PROBE_LUA, RECORD_FAILURE_LUA, RECORD_SUCCESS_LUA, RELEASE_PROBE_LUA } from './health-lua';

export interface RedisCooldownStoreOptions {
  /** Prefix of every key and of the change channel; default `verosek:routing:`. */
  keyPrefix?: string;
}

type Reply = Array<string | number>;
type ScriptCall = (key: string, ...args: Array<string | number>) => Promise<Reply>;

const SCRIPTS = {
  verosekRoutingRecordFailure: RECORD_FAILURE_LUA,
  verosekRoutingRecordSuccess: RECORD_SUCCESS_LUA,
  verosekRoutingClaimProbe: CLAIM_PROBE_LUA,
  verosekRoutingReleaseProbe: RELEASE_PROBE_LUA,
} as const;

/**
 * Deployment health shared by every gateway replica. Each write is one Lua script (atomic) that
 * also publishes the new health, so replicas keep a local snapshot current without reading Redis
 * on the hot path. The client is the caller's: this store never closes it; `watch` subscribes on
 * a duplicate connection that its stop function closes. Scripts take the time from the caller
 * (`now`), so replicas' clocks should agree to well under a cooldown.
 */
export class RedisCooldownStore implements CooldownStore {
  private readonly keyPrefix: string;
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    options: RedisCooldownStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'verosek:routing:';
    this.channel = `${this.keyPrefix}health-changes`;
    for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: 1, lua });
  }

  async read(deploymentIds: string[]): Promise<Map<string, DeploymentHealth>> {
    const pipeline = this.redis.pipeline();
    for (const id of deploymentIds) pipeline.hmget(this.key(id), 'f', 'u', 'p', 'v');
    const replies = (await pipeline.exec()) ?? [];
    return new Map(
      deploymentIds.map((id, i) => {
        const [err, fields] = replies[i] ?? [new Error('missing pipeline reply'), null];
        if (err) throw err;
        return [id, toHealth((fields as Array<string | null>).map((x) => Number(x ?? 0)))];
      }),
    );
  }

  async recordFailure(
    deploymentId: string,
    now: number,
    policy: CooldownPolicy,
  ): Promise<Recorded<FailureTransition>> {
    const [transition, ...health] = await this.script('verosekRoutingRecordFailure')(
      this.key(deploymentId),
      deploymentId,
      this.channel,
      now,
      policy.allowedFails,
      policy.cooldownMs,
    );
    return { transition: transition as FailureTransition, health: toHealth(health.map(Number)) };
  }

  async recordSuccess(deploymentId: string, now: number): Promise<Recorded<SuccessTransition>> {
    const [transition, ...health] = await this.script('verosekRoutingRecordSuccess')(
      this.key(deploymentId),
      deploymentId,
      this.channel,
      now,
    );
    return { transition: transition as SuccessTransition, health: toHealth(health.map(Number)) };
  }

  async claimProbe(deploymentId: string, now: number, leaseMs: number): Promise<ProbeClaim> {
    const [claimed, ...health] = await this.script('verosekRoutingClaimProbe')(
      this.key(deploymentId),
      deploymentId,
      this.channel,
      now,
      leaseMs,
    );
    return { claimed: Number(claimed) === 1, health: toHealth(health.map(Number)) };
  }

  async releaseProbe(deploymentId: string, now: number, leaseUntil: number): Promise<DeploymentHealth> {
    const health = await this.script('verosekRoutingReleaseProbe')(
      this.key(deploymentId),
      deploymentId,
      this.channel,
      now,
      leaseUntil,
    );
    return toHealth(health.map(Number));
  }

  async watch(watcher: HealthWatcher): Promise<StopWatching> {
    // The given client may be a fail-fast hot-path connection; a subscriber must instead wait
    // through reconnects and re-subscribe after them.
    const subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
      commandTimeout: undefined,
      connectionName: `${this.keyPrefix}watch`,
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const change = parseChange(message);
      if (change) watcher.onChange(change.id, change.health);
    });
    // With Redis down at start-up the gateway must still boot (and report not ready): wait for the
    // subscription or the first connection error, whichever comes first; the offline queue
    // subscribes once Redis answers.
    const subscribed = subscriber.subscribe(this.channel);
    subscribed.catch(() => undefined);
    await Promise.race([subscribed, once(subscriber, 'error')]).catch(() => undefined);
    // Messages published while the connection was down are lost: after a reconnect, read again.
    subscriber.on('ready', () => watcher.onResync());
    return async () => {
      subscriber.removeAllListeners('ready');
      // quit() would wait for a connection that may never come back; only a ready one can quit.
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    };
  }

  private key(deploymentId: string): string {
    return `${this.keyPrefix}health:${deploymentId}`;
  }

  private script(name: keyof typeof SCRIPTS): ScriptCall {
    const call = (this.redis as unknown as Record<string, ScriptCall>)[name];
    return call.bind(this.redis);
  }
}

function toHealth([consecutiveFails, cooledUntil, probeLeaseUntil, version]: number[]): DeploymentHealth {
  return { consecutiveFails, cooledUntil, probeLeaseUntil, version };
}

function parseChange(message: string): { id: string; health: DeploymentHealth } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || typeof parsed[0] !== 'string') return undefined;
  const numbers = parsed.slice(1).map(Number);
  if (numbers.some((n) => !Number.isFinite(n))) return undefined;
  return { id: parsed[0], health: toHealth(numbers) };
}
