import { Injectable } from '@nestjs/common';
import { GatewayError } from '@verosek/protocol';
import type { CallerIdentity } from './caller-identity';

/** What a verified key may do, from its record. */
@Injectable()
export class KeyPolicy {
  /** Throws 403 `model_not_allowed` when the key's allow-list does not name the model group. */
  checkModel(identity: CallerIdentity, modelGroup: string): void {
    const allowed = identity.record?.models;
    if (!allowed || allowed.includes(modelGroup)) return;
    throw new GatewayError(
      'permission',
      `API key ${identity.keyId} is not allowed to use model '${modelGroup}'`,
      {
        code: 'model_not_allowed',
        param: 'model',
      },
    );
  }

  /** Whether the key may use a gateway tool (no allow-list: all). */
  allowsTool(identity: CallerIdentity, tool: string): boolean {
    const allowed = identity.record?.tools;
    return !allowed || allowed.includes(tool);
  }
}
