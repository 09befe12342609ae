import { Injectable } from '@nestjs/common';
import type { DeploymentConfig, ModelGroupConfig } from '@verosek/config';
import type { RoutedResult, RouteRunner } from './route-runner';

/** Tries the deployments in priority order, once each. Replaced by the routing library's executor. */
@Injectable()
export class SimpleRouteRunner implements RouteRunner {
  async run<T>(group: ModelGroupConfig, attempt: (d: DeploymentConfig) => Promise<T>): Promise<RoutedResult<T>> {
    const ordered = [...group.deployments].sort((a, b) => a.priority - b.priority);
    let last: unknown;
    const attempts = [];
    for (const deployment of ordered) {
      const startedAt = new Date();
      const t0 = performance.now();
      try {
        const result = await attempt(deployment);
        attempts.push({ deploymentId: deployment.id, provider: deployment.provider, status: 200, durationMs: performance.now() - t0, startedAt });
        return { result, deployment, attempts };
      } catch (err) {
        attempts.push({ deploymentId: deployment.id, provider: deployment.provider, errorClass: (err as Error).name, durationMs: performance.now() - t0, startedAt });
        last = err;
      }
    }
    throw Object.assign(last as object, { attempts });
  }
}
