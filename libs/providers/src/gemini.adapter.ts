import type { DeploymentConfig } from '@verosek/config';
import type { Endpoint, ProviderAdapter, UpstreamTarget } from './provider-adapter';

export class GeminiAdapter implements ProviderAdapter {
  readonly kind = 'gemini' as const;
  readonly format = 'gemini' as const;
  readonly endpoints: ReadonlySet<Endpoint> = new Set<Endpoint>([
    'chat',
    'count_tokens',
    'embeddings',
    'images',
    'models',
  ]);

  chatTarget(deployment: DeploymentConfig, stream: boolean): UpstreamTarget {
    const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return this.endpointTarget(deployment, `/models/${encodeURIComponent(deployment.model)}:${method}`);
  }

  endpointTarget(deployment: DeploymentConfig, path: string): UpstreamTarget {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...deployment.headers };
    if (deployment.apiKey) headers['x-goog-api-key'] = deployment.apiKey;
    return { url: `${deployment.apiBase}/v1beta${path}`, headers };
  }
}
