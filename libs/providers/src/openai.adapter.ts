import type { DeploymentConfig, ProviderKind } from '@verosek/config';
import type { Endpoint, ProviderAdapter, UpstreamTarget } from './provider-adapter';

function bearerHeaders(deployment: DeploymentConfig): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...deployment.headers };
  if (deployment.apiKey) headers.authorization = `Bearer ${deployment.apiKey}`;
  return headers;
}

/** OpenAI and every server speaking its API (vLLM, Ollama, Groq, Together, DeepSeek, Mistral...). */
export class OpenAiAdapter implements ProviderAdapter {
  readonly format = 'openai-chat' as const;

  constructor(
    readonly kind: ProviderKind,
    readonly endpoints: ReadonlySet<Endpoint>,
  ) {}

  chatTarget(deployment: DeploymentConfig): UpstreamTarget {
    return this.endpointTarget(deployment, '/chat/completions');
  }

  endpointTarget(deployment: DeploymentConfig, path: string): UpstreamTarget {
    return { url: `${deployment.apiBase}${path}`, headers: bearerHeaders(deployment) };
  }
}
