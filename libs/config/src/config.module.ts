import { DynamicModule, Global, Module } from '@nestjs/common';
import type { VerosekConfig } from './config.types';
import type { GatewayEnv } from './env';
import { readEnv } from './env';
import { loadConfig } from './load-config';

export const VEROSEK_CONFIG = Symbol('VEROSEK_CONFIG');
export const GATEWAY_ENV = Symbol('GATEWAY_ENV');

export interface ConfigModuleOptions {
  /** Already-loaded values (tests, or a parent that read them once). */
  config?: VerosekConfig;
  env?: GatewayEnv;
}

/** The YAML config and the environment, read and validated once at boot. */
@Global()
@Module({})
export class VerosekConfigModule {
  static forRoot(options: ConfigModuleOptions = {}): DynamicModule {
    return {
      module: VerosekConfigModule,
      providers: [
        { provide: VEROSEK_CONFIG, useValue: options.config ?? loadConfig() },
        { provide: GATEWAY_ENV, useValue: options.env ?? readEnv() },
      ],
      exports: [VEROSEK_CONFIG, GATEWAY_ENV],
    };
  }
}
