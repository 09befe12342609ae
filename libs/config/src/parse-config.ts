import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config-error';
import type { DeploymentConfig, ModelGroupConfig, VerosekConfig } from './config.types';
import { PROVIDER_KINDS, ROUTING_STRATEGIES } from './config.types';
import { FieldReader } from './field-reader';
import { interpolateEnv } from './interpolate-env';
import { DEFAULT_API_BASE } from './provider-defaults';

const TOP_LEVEL = ['models', 'routing', 'keys', 'audit', 'limits', 'shield', 'tools'] as const;
const NINETY_DAYS = 90 * 24 * 3600;

/** Parses and validates the YAML text of a config file; every error names the file and the field. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): VerosekConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError(file, '(yaml)', `is not valid YAML: ${(err as Error).message}`);
  }
  const root = FieldReader.root(file, interpolateEnv(doc, env));
  root.rejectUnknown(TOP_LEVEL);

  const models = root.list('models').map(readModelGroup);
  rejectDuplicates(file, models);

  const routing = root.object('routing');
  routing.rejectUnknown(['allowed_fails', 'cooldown_seconds', 'timeout_ms', 'retries']);
  const keys = root.object('keys');
  keys.rejectUnknown(['max_ttl_seconds']);
  const audit = root.object('audit');
  audit.rejectUnknown(['retention_days', 'log_bodies']);
  const limits = root.object('limits');
  limits.rejectUnknown(['max_body_bytes', 'image_fetch_max_bytes', 'allow_private_image_urls']);

  return {
    source: file,
    models,
    routing: {
      allowedFails: routing.number('allowed_fails', 3, { min: 1, integer: true }),
      cooldownSeconds: routing.number('cooldown_seconds', 30, { min: 0 }),
      timeoutMs: routing.number('timeout_ms', 600_000, { min: 1, integer: true }),
      retries: routing.number('retries', 2, { min: 0, integer: true }),
    },
    keys: { maxTtlSeconds: keys.number('max_ttl_seconds', NINETY_DAYS, { min: 1, integer: true }) },
    audit: {
      retentionDays: audit.number('retention_days', 90, { min: 1, integer: true }),
      logBodies: audit.boolean('log_bodies', false),
    },
    limits: {
      maxBodyBytes: limits.number('max_body_bytes', 20 * 1024 * 1024, { min: 1024, integer: true }),
      imageFetchMaxBytes: limits.number('image_fetch_max_bytes', 20 * 1024 * 1024, {
        min: 1024,
        integer: true,
      }),
      allowPrivateImageUrls: limits.boolean('allow_private_image_urls', false),
    },
    shield: root.raw('shield') ?? {},
    tools: root.raw('tools') ?? [],
  };
}

function readModelGroup(group: FieldReader): ModelGroupConfig {
  group.rejectUnknown(['name', 'deployments', 'strategy', 'fallbacks', 'tools']);
  const name = group.string('name');
  return {
    name,
    deployments: group.list('deployments', { required: true }).map((d, i) => readDeployment(d, name, i)),
    strategy: group.oneOf('strategy', ROUTING_STRATEGIES, 'weighted'),
    fallbacks: group.stringList('fallbacks'),
    tools: group.stringList('tools'),
  };
}

function readDeployment(d: FieldReader, groupName: string, index: number): DeploymentConfig {
  d.rejectUnknown([
    'id',
    'provider',
    'model',
    'api_base',
    'api_key',
    'weight',
    'priority',
    'input_cost_per_mtok',
    'output_cost_per_mtok',
    'headers',
  ]);
  const provider = d.oneOf('provider', PROVIDER_KINDS);
  const apiBase =
    d.string('api_base', DEFAULT_API_BASE[provider]) ??
    d.fail('api_base', `is required for provider ${provider}`);
  try {
    new URL(apiBase);
  } catch {
    d.fail('api_base', `must be an absolute URL (got ${JSON.stringify(apiBase)})`);
  }
  return {
    id: d.string('id', `${groupName}#${index}`),
    provider,
    model: d.string('model'),
    apiBase: apiBase.replace(/\/+$/, ''),
    apiKey: d.string('api_key', undefined),
    weight: d.number('weight', 1, { min: 0 }),
    priority: d.number('priority', 0, { integer: true }),
    inputCostPerMtok: d.number('input_cost_per_mtok', undefined, { min: 0 }),
    outputCostPerMtok: d.number('output_cost_per_mtok', undefined, { min: 0 }),
    headers: d.stringMap('headers'),
  };
}

function rejectDuplicates(file: string, models: ModelGroupConfig[]): void {
  const seenGroups = new Set<string>();
  const seenDeployments = new Set<string>();
  models.forEach((group, i) => {
    if (seenGroups.has(group.name))
      throw new ConfigError(file, `models[${i}].name`, `duplicates "${group.name}"`);
    seenGroups.add(group.name);
    group.deployments.forEach((d, j) => {
      if (seenDeployments.has(d.id))
        throw new ConfigError(file, `models[${i}].deployments[${j}].id`, `duplicates "${d.id}"`);
      seenDeployments.add(d.id);
    });
    group.fallbacks.forEach((f, j) => {
      if (!models.some((m) => m.name === f)) {
        throw new ConfigError(file, `models[${i}].fallbacks[${j}]`, `names no model group ("${f}")`);
      }
    });
  });
}
