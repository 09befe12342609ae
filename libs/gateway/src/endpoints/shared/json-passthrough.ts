import type { DeploymentConfig } from '@verosek/config';
import type { ProviderAdapter, UpstreamClient, UpstreamResponse } from '@verosek/providers';
import { sendToEndpoint } from './endpoint-upstream';

export interface JsonPassthrough {
  path: string;
  body: Record<string, unknown>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Sends the caller's JSON body (its texts already through the Shield) with the deployment's model. */
export function sendJsonPassthrough(
  client: UpstreamClient,
  deployment: DeploymentConfig,
  adapter: ProviderAdapter,
  call: JsonPassthrough,
): Promise<UpstreamResponse> {
  return sendToEndpoint(client, deployment, adapter, {
    path: call.path,
    body: JSON.stringify({ ...call.body, model: deployment.model }),
    timeoutMs: call.timeoutMs,
    signal: call.signal,
  });
}
