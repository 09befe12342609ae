import type { DeploymentConfig, ProviderKind } from '@verosek/config';
import type { WireFormat } from '@verosek/protocol';

/** Endpoints a provider may serve, beyond chat. The pipeline refuses a call whose endpoint the target lacks. */
export type Endpoint =
  | 'chat'
  | 'count_tokens'
  | 'completions'
  | 'responses'
  | 'embeddings'
  | 'images'
  | 'audio'
  | 'moderations'
  | 'models';

export interface UpstreamTarget {
  url: string;
  headers: Record<string, string>;
}

/**
 * One upstream adapter per provider: where to send, how to authenticate, what it can do.
 * Translation lives in the codec of `format`; this only knows the provider's HTTP details.
 */
export interface ProviderAdapter {
  readonly kind: ProviderKind;
  /** The wire format the provider speaks (its codec translates to and from it). */
  readonly format: WireFormat;
  readonly endpoints: ReadonlySet<Endpoint>;
  /** The chat call (Chat Completions / Messages / generateContent). */
  chatTarget(deployment: DeploymentConfig, stream: boolean): UpstreamTarget;
  /** A non-chat endpoint (path relative to the provider's versioned base). */
  endpointTarget(deployment: DeploymentConfig, path: string): UpstreamTarget;
}
