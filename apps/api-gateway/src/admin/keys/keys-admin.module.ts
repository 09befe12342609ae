import { Module } from '@nestjs/common';
import { KeysAdminController } from './keys-admin.controller';
import { MasterKeyGuard } from './master-key.guard';

/** The admin API for keys. Needs KEYS_CLIENT (KeysModule) and GATEWAY_ENV (VerosekConfigModule), both global. */
@Module({
  controllers: [KeysAdminController],
  providers: [MasterKeyGuard],
})
export class KeysAdminModule {}
