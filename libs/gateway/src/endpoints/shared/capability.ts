import type { DeploymentConfig, ModelGroupConfig } from '@verosek/config';
import { GatewayError } from '@verosek/protocol';
import type { ProviderAdapter } from '@verosek/providers';
import { providerFor } from '@verosek/providers';
import { AttemptFailure } from '@verosek/routing';

/** Whether a deployment (its provider, and for some endpoints its model) can serve one endpoint call. */
export type Serves = (adapter: ProviderAdapter, deployment: DeploymentConfig) => boolean;

export function lacksEndpoint(endpoint: string, providers: string[], model: string): GatewayError {
  const names = [...new Set(providers)].join(', ');
  return new GatewayError(
    'invalid_request',
    `The ${endpoint} endpoint is not available for model '${model}': provider ${names} does not serve it.`,
    { code: 'unsupported_endpoint', param: 'model' },
  );
}

/** 400 naming the endpoint and the providers when no deployment of the group (or its fallbacks) serves it. */
export function requireServing(groups: ModelGroupConfig[], endpoint: string, serves: Serves): void {
  const deployments = groups.flatMap((g) => g.deployments);
  if (deployments.some((d) => serves(providerFor(d.provider), d))) return;
  throw lacksEndpoint(
    endpoint,
    deployments.map((d) => d.provider),
    groups[0].name,
  );
}

/**
 * Routing picks among all deployments of a group; one whose provider lacks the endpoint is passed
 * over with a failure that may move on to the next deployment and does not count towards its
 * cooldown.
 */
export function passOver(deployment: DeploymentConfig, endpoint: string, model: string): AttemptFailure {
  return new AttemptFailure(
    {
      kind: 'http',
      status: 400,
      countsForCooldown: false,
      retryable: true,
      cause: lacksEndpoint(endpoint, [deployment.provider], model).info,
    },
    `provider ${deployment.provider} does not serve ${endpoint}`,
  );
}
