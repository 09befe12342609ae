import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { GatewayEnv } from '@verosek/config';
import { GATEWAY_ENV } from '@verosek/config';
import { GatewayError } from '@verosek/protocol';
import type { AccessControl, Admission, Caller } from './access-control';

/** Master-key-only access: the foundation's authentication until virtual keys are wired in. */
@Injectable()
export class MasterKeyAccess implements AccessControl {
  private readonly master?: Buffer;

  constructor(@Inject(GATEWAY_ENV) env: GatewayEnv) {
    this.master = env.masterKey ? Buffer.from(env.masterKey) : undefined;
  }

  async authenticate(rawKey: string | undefined): Promise<Caller> {
    const given = rawKey ? Buffer.from(rawKey) : undefined;
    if (!this.master || !given || given.length !== this.master.length || !timingSafeEqual(given, this.master)) {
      throw new GatewayError('authentication', 'Invalid API key.', { code: 'invalid_api_key' });
    }
    return { keyId: 'master', isMaster: true };
  }

  async admit(caller: Caller): Promise<Admission> {
    return { caller, settle: async () => undefined, remainingUsd: () => undefined };
  }
}
