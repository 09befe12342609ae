export const PROVIDER_KINDS = ['openai', 'anthropic', 'gemini', 'openai-compatible'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const ROUTING_STRATEGIES = ['weighted', 'least-busy', 'lowest-latency'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export interface DeploymentConfig {
  /** Stable id: `id` from the YAML, else `<model group>#<index>`. Used in headers, audit, cooldown keys. */
  id: string;
  provider: ProviderKind;
  /** The provider's model id. */
  model: string;
  /** openai / openai-compatible include `/v1`; anthropic and gemini are the bare host. */
  apiBase: string;
  apiKey?: string;
  weight: number;
  priority: number;
  /** USD per million tokens; overrides the shipped price table. */
  inputCostPerMtok?: number;
  outputCostPerMtok?: number;
  /** Extra headers sent upstream (e.g. OpenRouter's HTTP-Referer). */
  headers: Record<string, string>;
}

export interface ModelGroupConfig {
  name: string;
  deployments: DeploymentConfig[];
  strategy: RoutingStrategy;
  /** Other model groups to try when every deployment of this one failed. */
  fallbacks: string[];
  /** Gateway-owned tools attached to every call of this group. */
  tools: string[];
}

export interface RoutingConfig {
  allowedFails: number;
  cooldownSeconds: number;
  timeoutMs: number;
  retries: number;
}

export interface KeysConfig {
  /** No key lives longer than this. */
  maxTtlSeconds: number;
}

export interface AuditConfig {
  retentionDays: number;
  /** Keep prompt and completion bodies (after Shield redaction) in audit records. */
  logBodies: boolean;
}

export interface LimitsConfig {
  /** Largest JSON request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Largest image fetched from a URL to inline for providers that need bytes. */
  imageFetchMaxBytes: number;
  /** Allow image URLs on loopback / private networks (off: no server-side request forgery). */
  allowPrivateImageUrls: boolean;
}

export interface VerosekConfig {
  /** Absolute path of the file this was read from (for error messages). */
  source: string;
  models: ModelGroupConfig[];
  routing: RoutingConfig;
  keys: KeysConfig;
  audit: AuditConfig;
  limits: LimitsConfig;
  /** Raw `shield:` section; validated by @verosek/shield, which owns its shape. */
  shield: unknown;
  /** Raw `tools:` section; validated by the tools feature, which owns its shape. */
  tools: unknown;
}
