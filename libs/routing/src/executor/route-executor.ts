import type { DeploymentConfig, ModelGroupConfig, RoutingConfig } from '@verosek/config';
import { GatewayError } from '@verosek/protocol/gateway-error';
import { AttemptFailure } from '../failure/attempt-failure';
import type { CooldownStore } from '../health/cooldown-store';
import { DeploymentChooser } from '../selection/deployment-chooser';
import { InFlightCounter } from '../selection/in-flight-counter';
import { LatencyTracker } from '../selection/latency-tracker';
import { CooldownKeeper, type DeploymentStatus, type ProbeLease } from './cooldown-keeper';
import { ModelGroupCatalog, type RoutableGroup } from './model-group-catalog';
import { RouteFailedError, type AttemptFn, type AttemptRecord, type RouteResult } from './route-result';
import { RoutingEventBus } from './routing-event-bus';
import type { RoutingListener } from './routing-events';

export interface RouteExecutorOptions {
  models: readonly ModelGroupConfig[];
  routing: RoutingConfig;
  store: CooldownStore;
  /** Clock in epoch ms (tests inject a fake one). */
  now?: () => number;
  /** Uniform in [0, 1) (tests may inject a seeded one). */
  random?: () => number;
  /** How long a claimed probe stays exclusive when its caller never reports; default timeoutMs + 5 s. */
  probeLeaseMs?: number;
}

type AttemptOutcome<T> =
  | { ok: true; record: AttemptRecord; result: T }
  | { ok: false; record: AttemptRecord; failure: AttemptFailure };

interface Pick {
  deployment: DeploymentConfig;
  probe?: ProbeLease;
}

/**
 * Runs a call against a model group's deployments with retry, fallback and cooldown:
 * - each attempt goes to a deployment not tried yet in this call: the healthy ones of the lowest
 *   priority value that has any, chosen by the group's strategy; a half-open deployment of that
 *   tier is probed first (one call across all replicas);
 * - a retryable failure moves on (same tier, then the next), at most `retries + 1` attempts per
 *   group; then the group's fallback groups, each with the same allowance;
 * - a non-retryable failure ends the call at once.
 * Health is read from this replica's snapshot (no I/O per call); see CooldownKeeper.
 */
export class RouteExecutor {
  private readonly catalog: ModelGroupCatalog;
  private readonly keeper: CooldownKeeper;
  private readonly chooser: DeploymentChooser;
  private readonly inFlight = new InFlightCounter();
  private readonly latency = new LatencyTracker();
  private readonly events = new RoutingEventBus();
  private readonly now: () => number;

  constructor(private readonly options: RouteExecutorOptions) {
    this.now = options.now ?? Date.now;
    this.catalog = new ModelGroupCatalog(options.models);
    const probeLeaseMs = options.probeLeaseMs ?? options.routing.timeoutMs + 5_000;
    this.keeper = new CooldownKeeper(
      options.store,
      this.catalog.deploymentIds(),
      options.routing,
      probeLeaseMs,
      this.events,
    );
    this.chooser = new DeploymentChooser(this.inFlight, this.latency, options.random ?? Math.random);
  }

  /** Loads the shared health and follows its changes; call once before serving. */
  start(): Promise<void> {
    return this.keeper.start();
  }

  stop(): Promise<void> {
    return this.keeper.stop();
  }

  /** This replica's view of a deployment's health (for health endpoints and tests). */
  deploymentStatus(deploymentId: string): DeploymentStatus {
    return this.keeper.status(deploymentId, this.now());
  }

  /** Returns a function that removes the listener. */
  addListener(listener: RoutingListener): () => void {
    return this.events.add(listener);
  }

  /**
   * @throws RouteFailedError when attempts were made and none succeeded;
   * @throws GatewayError `unavailable` (503, `no_healthy_deployment`) when every deployment of the
   *   group and its fallbacks is cooling down, with the earliest end as `retryAfterSeconds`;
   * @throws GatewayError `not_found` for an unknown model group;
   * @throws whatever `attempt` throws that is not an AttemptFailure, unchanged.
   */
  async execute<T>(modelGroup: string, attempt: AttemptFn<T>): Promise<RouteResult<T>> {
    const chain = this.catalog.chain(modelGroup);
    const attempts: AttemptRecord[] = [];
    const tried = new Set<string>();
    let lastFailure: AttemptFailure | undefined;

    for (const [index, group] of chain.entries()) {
      if (index > 0)
        this.events.emit({ type: 'fallback', fromModelGroup: modelGroup, toModelGroup: group.config.name });
      for (let groupAttempts = 0; groupAttempts <= this.options.routing.retries; groupAttempts++) {
        const pick = await this.pick(group, tried);
        if (!pick) break;
        tried.add(pick.deployment.id);
        this.announce(group, pick, attempts);
        const outcome = await this.runAttempt(group, pick, attempt, attempts.length + 1);
        attempts.push(outcome.record);
        if (outcome.ok) {
          return {
            result: outcome.result,
            deployment: pick.deployment,
            modelGroup: group.config.name,
            attempts,
          };
        }
        if (!outcome.failure.retryable)
          throw new RouteFailedError('not-retryable', outcome.failure, attempts);
        lastFailure = outcome.failure;
      }
    }
    if (lastFailure) throw new RouteFailedError('exhausted', lastFailure, attempts);
    throw this.noHealthyDeployment(modelGroup, chain);
  }

  /** Chooses the next deployment and counts it in flight at once, so concurrent picks see it busy. */
  private async pick(group: RoutableGroup, tried: ReadonlySet<string>): Promise<Pick | undefined> {
    for (const tier of group.tiers) {
      const untried = tier.filter((d) => !tried.has(d.id));
      for (const deployment of untried.filter((d) => this.keeper.phase(d.id, this.now()) === 'half-open')) {
        const probe = await this.keeper.claimProbe(deployment, this.now());
        if (probe) return this.started({ deployment, probe });
      }
      const healthy = untried.filter((d) => this.keeper.phase(d.id, this.now()) === 'healthy');
      if (healthy.length > 0)
        return this.started({ deployment: this.chooser.choose(group.config.strategy, healthy) });
    }
    return undefined;
  }

  private started(pick: Pick): Pick {
    this.inFlight.start(pick.deployment.id);
    return pick;
  }

  private announce(group: RoutableGroup, pick: Pick, attempts: readonly AttemptRecord[]): void {
    const previous = attempts.at(-1);
    if (previous) {
      this.events.emit({
        type: 'retry',
        modelGroup: previous.modelGroup,
        failedDeploymentId: previous.deploymentId,
        failedAttempt: previous.attempt,
        status: previous.status,
        failureKind: previous.failureKind!,
      });
    }
    this.events.emit({
      type: 'deployment-selected',
      modelGroup: group.config.name,
      deploymentId: pick.deployment.id,
      provider: pick.deployment.provider,
      priority: pick.deployment.priority,
      strategy: group.config.strategy,
      attempt: attempts.length + 1,
      probe: pick.probe !== undefined,
    });
  }

  private async runAttempt<T>(
    group: RoutableGroup,
    { deployment, probe }: Pick,
    attempt: AttemptFn<T>,
    attemptNumber: number,
  ): Promise<AttemptOutcome<T>> {
    const started = this.now();
    const record = (outcome: AttemptRecord['outcome'], failure?: AttemptFailure): AttemptRecord => ({
      attempt: attemptNumber,
      modelGroup: group.config.name,
      deploymentId: deployment.id,
      provider: deployment.provider,
      outcome,
      status: failure?.status,
      failureKind: failure?.kind,
      durationMs: this.now() - started,
      probe: probe !== undefined,
    });

    // Through a new Promise, so that an `attempt` that throws synchronously is handled alike.
    const settled = await new Promise<T>((resolve) => resolve(attempt(deployment, attemptNumber))).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    this.inFlight.finish(deployment.id);

    if ('result' in settled) {
      const success = record('success');
      this.latency.observe(deployment.id, success.durationMs);
      await this.keeper.recordSuccess(deployment, this.now());
      return { ok: true, record: success, result: settled.result };
    }
    if (!(settled.error instanceof AttemptFailure)) {
      if (probe) await this.keeper.releaseProbe(deployment, this.now(), probe);
      throw settled.error;
    }
    const failed = record('failure', settled.error);
    await this.keeper.recordFailure(deployment, settled.error, this.now(), probe);
    return { ok: false, record: failed, failure: settled.error };
  }

  private noHealthyDeployment(modelGroup: string, chain: readonly RoutableGroup[]): GatewayError {
    const now = this.now();
    const earliest = Math.min(
      ...chain.flatMap((g) => g.config.deployments.map((d) => this.keeper.recoveryAt(d.id, now))),
    );
    const retryAfterSeconds = Math.max(1, Math.ceil((earliest - now) / 1000));
    return new GatewayError(
      'unavailable',
      `no healthy deployment for model "${modelGroup}": every deployment is cooling down`,
      {
        code: 'no_healthy_deployment',
        retryAfterSeconds,
      },
    );
  }
}
