import type { DeploymentConfig, ModelGroupConfig } from '@verosek/config';
import { GatewayError } from '@verosek/protocol/gateway-error';

export interface RoutableGroup {
  config: ModelGroupConfig;
  /** Deployments grouped by priority, lowest priority value (tried first) first. */
  tiers: DeploymentConfig[][];
}

/** The configured model groups, with their priority tiers and fallback chains worked out once. */
export class ModelGroupCatalog {
  private readonly groups = new Map<string, RoutableGroup>();

  constructor(models: readonly ModelGroupConfig[]) {
    for (const config of models) {
      if (config.deployments.length === 0)
        throw new Error(`model group "${config.name}": deployments must not be empty`);
      this.groups.set(config.name, { config, tiers: tiersOf(config.deployments) });
    }
  }

  /**
   * The group, then its fallback groups in configured order. Only the group's own fallbacks are
   * followed (not theirs), so a chain is finite whatever the config says.
   */
  chain(modelGroup: string): RoutableGroup[] {
    const group = this.groups.get(modelGroup);
    if (!group) {
      throw new GatewayError('not_found', `model "${modelGroup}" is not configured on this gateway`, {
        code: 'model_not_found',
        param: 'model',
      });
    }
    const fallbacks = [...new Set(group.config.fallbacks)]
      .filter((name) => name !== modelGroup)
      .map((name) => this.groups.get(name))
      .filter((g): g is RoutableGroup => g !== undefined);
    return [group, ...fallbacks];
  }

  deploymentIds(): string[] {
    return [...this.groups.values()].flatMap((g) => g.config.deployments.map((d) => d.id));
  }
}

function tiersOf(deployments: readonly DeploymentConfig[]): DeploymentConfig[][] {
  const byPriority = new Map<number, DeploymentConfig[]>();
  for (const d of deployments) byPriority.set(d.priority, [...(byPriority.get(d.priority) ?? []), d]);
  return [...byPriority.entries()].sort(([a], [b]) => a - b).map(([, tier]) => tier);
}
