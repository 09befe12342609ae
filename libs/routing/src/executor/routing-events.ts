import type { ProviderKind, RoutingStrategy } from '@verosek/config';
import type { FailureKind } from '../failure/attempt-failure';

/** A deployment was chosen for an attempt. */
export interface DeploymentSelectedEvent {
  type: 'deployment-selected';
  modelGroup: string;
  deploymentId: string;
  provider: ProviderKind;
  priority: number;
  strategy: RoutingStrategy;
  /** 1-based, counted across fallback groups. */
  attempt: number;
  /** This attempt is the half-open probe of a cooled deployment. */
  probe: boolean;
}

/** An attempt failed with a retryable failure and another deployment will be tried. */
export interface RetryEvent {
  type: 'retry';
  modelGroup: string;
  failedDeploymentId: string;
  failedAttempt: number;
  status?: number;
  failureKind: FailureKind;
}

/** The model group's own deployments gave up; a fallback group is tried next. */
export interface FallbackEvent {
  type: 'fallback';
  fromModelGroup: string;
  toModelGroup: string;
}

/** The deployment takes no traffic until `cooledUntil` (epoch ms). */
export interface CooledEvent {
  type: 'cooled';
  deploymentId: string;
  /** `probe-failed`: the half-open probe (or a call during half-open) failed. */
  reason: 'consecutive-failures' | 'probe-failed';
  consecutiveFails: number;
  cooledUntil: number;
  retryAfterSeconds?: number;
}

/** A failure during cooldown moved its end later. */
export interface CooldownExtendedEvent {
  type: 'cooldown-extended';
  deploymentId: string;
  cooledUntil: number;
  retryAfterSeconds?: number;
}

/** The cooldown is over and this replica's call is the one probe let through. */
export interface HalfOpenProbeEvent {
  type: 'half-open-probe';
  deploymentId: string;
}

/** The probe succeeded: the deployment takes traffic again. */
export interface RestoredEvent {
  type: 'restored';
  deploymentId: string;
}

/** The shared health store failed; routing went on with this replica's snapshot. */
export interface HealthStoreErrorEvent {
  type: 'health-store-error';
  operation: string;
  deploymentId?: string;
  error: unknown;
}

export type RoutingEvent =
  | DeploymentSelectedEvent
  | RetryEvent
  | FallbackEvent
  | CooledEvent
  | CooldownExtendedEvent
  | HalfOpenProbeEvent
  | RestoredEvent
  | HealthStoreErrorEvent;

/** Receives routing decisions and cooldown transitions (the pipeline forwards them to audit and metrics). */
export interface RoutingListener {
  onRoutingEvent(event: RoutingEvent): void;
}
