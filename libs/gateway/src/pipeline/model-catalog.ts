import { Inject, Injectable } from '@nestjs/common';
import type { ModelGroupConfig, VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import { GatewayError } from '@verosek/protocol';

/** The model groups clients may name, from the config. */
@Injectable()
export class ModelCatalog {
  private readonly groups: Map<string, ModelGroupConfig>;

  constructor(@Inject(VEROSEK_CONFIG) config: VerosekConfig) {
    this.groups = new Map(config.models.map((group) => [group.name, group]));
  }

  all(): ModelGroupConfig[] {
    return [...this.groups.values()];
  }

  /** Throws 404 model_not_found for a name no model group has. */
  group(name: string): ModelGroupConfig {
    const group = this.groups.get(name);
    if (!group) {
      throw new GatewayError(
        'not_found',
        `The model '${name}' does not exist or you do not have access to it.`,
        {
          code: 'model_not_found',
          param: 'model',
        },
      );
    }
    return group;
  }
}
