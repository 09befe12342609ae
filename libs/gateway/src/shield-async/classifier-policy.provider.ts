import type { Provider } from '@nestjs/common';
import { VEROSEK_CONFIG, type VerosekConfig } from '@verosek/config';
import { classifierPolicyOf } from '@verosek/shield';

/** The validated `shield.classifiers` section (ClassifierPolicy). */
export const CLASSIFIER_POLICY = Symbol('CLASSIFIER_POLICY');

/** Read once at boot from the config; a bad section fails start-up naming the field. */
export const classifierPolicyProvider: Provider = {
  provide: CLASSIFIER_POLICY,
  useFactory: (config: VerosekConfig) => classifierPolicyOf(config.shield),
  inject: [VEROSEK_CONFIG],
};
