import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { GatewayEnv } from '@verosek/config';
import { GATEWAY_ENV } from '@verosek/config';
import { constantTimeEquals } from '@verosek/keys';
import { GatewayError } from '@verosek/protocol';

/** The admin API answers only `Authorization: Bearer <VEROSEK_MASTER_KEY>`; without a master key it is closed. */
@Injectable()
export class MasterKeyGuard implements CanActivate {
  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const masterKey = this.env.masterKey;
    if (!masterKey) {
      throw new GatewayError('authentication', 'the admin API is disabled: VEROSEK_MASTER_KEY is not set', {
        code: 'admin_disabled',
      });
    }
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>()
      .headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match || !constantTimeEquals(match[1], masterKey)) {
      throw new GatewayError('authentication', 'the admin API needs the master key as a Bearer token', {
        code: 'invalid_api_key',
      });
    }
    return true;
  }
}
