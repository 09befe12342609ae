import type { DeploymentConfig } from '@verosek/config';
import type { Endpoint, ProviderAdapter, UpstreamTarget } from './provider-adapter';

export const ANTHROPIC_VERSION = '2023-06-01';

export class AnthropicAdapter implements ProviderAdapter {
  readonly kind = 'anthropic' as const;
  readonly format = 'anthropic-messages' as const;
  readonly endpoints: ReadonlySet<Endpoint> = new Set<Endpoint>(['chat', 'count_tokens', 'models']);

  chatTarget(deployment: DeploymentConfig): UpstreamTarget {
    return this.endpointTarget(deployment, '/messages');
  }

  endpointTarget(deployment: DeploymentConfig, path: string): UpstreamTarget {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
      ...deployment.headers,
    };
    if (deployment.apiKey) headers['x-api-key'] = deployment.apiKey;
    return { url: `${deployment.apiBase}/v1${path}`, headers };
  }
}
