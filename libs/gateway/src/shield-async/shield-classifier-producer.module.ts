import { DynamicModule, Module } from '@nestjs/common';
import { CLASSIFIER_POLICY, classifierPolicyProvider } from './classifier-policy.provider';
import { ShieldClassifierProducer } from './shield-classifier.producer';

/**
 * ShieldClassifierProducer for the hot path (global, like the audit producer). Needs the QUEUES
 * port (PlatformModule) and VEROSEK_CONFIG.
 */
@Module({})
export class ShieldClassifierProducerModule {
  static forRoot(): DynamicModule {
    return {
      module: ShieldClassifierProducerModule,
      global: true,
      providers: [classifierPolicyProvider, ShieldClassifierProducer],
      exports: [ShieldClassifierProducer, CLASSIFIER_POLICY],
    };
  }
}
