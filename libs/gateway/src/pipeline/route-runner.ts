import type { DeploymentConfig, ModelGroupConfig } from '@verosek/config';
import type { AttemptRecord } from './audit-sink';

export interface RoutedResult<T> {
  result: T;
  deployment: DeploymentConfig;
  attempts: AttemptRecord[];
}

/** Carries the attempts made before every deployment failed, for headers and audit. */
export interface FailedRouting {
  attempts?: AttemptRecord[];
}

/**
 * Runs an attempt over a model group's deployments with fallback and cooldown. An attempt throws
 * UpstreamFailure to report a failed deployment; the runner decides whether to try the next.
 */
export interface RouteRunner {
  run<T>(group: ModelGroupConfig, attempt: (deployment: DeploymentConfig) => Promise<T>): Promise<RoutedResult<T>>;
}

export const ROUTE_RUNNER = Symbol('ROUTE_RUNNER');
