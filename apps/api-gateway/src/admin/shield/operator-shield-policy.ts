import type { Provider } from '@nestjs/common';
import { VEROSEK_CONFIG, type VerosekConfig } from '@verosek/config';
import { validateShieldPolicy } from '@verosek/shield';

/** The configured Shield policy (config `shield:`), validated once at boot. */
export const OPERATOR_SHIELD_POLICY = Symbol('OPERATOR_SHIELD_POLICY');

export const operatorShieldPolicyProvider: Provider = {
  provide: OPERATOR_SHIELD_POLICY,
  useFactory: (config: VerosekConfig) => validateShieldPolicy(config.shield, 'shield'),
  inject: [VEROSEK_CONFIG],
};
