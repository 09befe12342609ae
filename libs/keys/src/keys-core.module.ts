import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeyExpirySweeper, DEFAULT_SWEEP_INTERVAL_MS, SWEEP_INTERVAL_MS } from './service/key-expiry-sweeper';
import { KeyStore } from './service/key-store';
import { KeysService } from './service/keys.service';

export interface KeysCoreModuleOptions {
  /** How often expired keys are swept (default 5 s). */
  sweepIntervalMs?: number;
}

/**
 * The keys-service side: KeysService (every write to keys and spend) and the expiry sweeper. Needs a
 * TypeORM DataSource, the platform ports and VEROSEK_CONFIG from the root module.
 */
@Module({})
export class KeysCoreModule {
  static forRoot(options: KeysCoreModuleOptions = {}): DynamicModule {
    return {
      module: KeysCoreModule,
      providers: [
        {
          provide: KeyStore,
          useFactory: (dataSource: DataSource) => new KeyStore(dataSource),
          inject: [DataSource],
        },
        { provide: SWEEP_INTERVAL_MS, useValue: options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS },
        KeysService,
        KeyExpirySweeper,
      ],
      exports: [KeysService],
    };
  }
}
